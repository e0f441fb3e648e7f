namespace VideoRelay.WebRtc.Rtp.H264;

/// <summary>Why a <see cref="H264PacketIterator"/> stopped early.</summary>
public enum H264PacketizeStatus
{
    Ok,

    /// <summary>An AVCC length prefix ran past the access unit .</summary>
    Malformed,

    /// <summary>The destination given to TryNext could not hold the next payload.</summary>
    DestinationTooSmall,
}
