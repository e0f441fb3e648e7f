namespace VideoRelay.WebRtc.Rtp;

/// <summary>One header-extension element read from a packet: its local id and its data.</summary>
public readonly ref struct RtpExtension
{
    public RtpExtension(int id, ReadOnlySpan<byte> data)
    {
        Id = id;
        Data = data;
    }

    /// <summary>Local identifier (1–14 in the one-byte form, 1–255 in the two-byte form).</summary>
    public int Id { get; }

    public ReadOnlySpan<byte> Data { get; }
}
