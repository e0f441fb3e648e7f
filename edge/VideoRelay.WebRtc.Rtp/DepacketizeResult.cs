namespace VideoRelay.WebRtc.Rtp;

/// <summary>The outcome of pushing one RTP packet into an <see cref="IRtpDepacketizer"/>.</summary>
public readonly record struct DepacketizeResult(
    DepacketizeStatus Status,
    int LostPackets,
    int FrameLength,
    uint Timestamp,
    bool IsKeyframe)
{
    /// <summary>True when a complete frame of <see cref="FrameLength"/> bytes sits at the start of the output buffer.</summary>
    public bool HasFrame => Status == DepacketizeStatus.FrameReady;

    internal static DepacketizeResult Of(DepacketizeStatus status, int lost) => new(status, lost, 0, 0, false);
}
