namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Why <see cref="RtcpCompoundReader"/> stopped before the end of a datagram.</summary>
public enum RtcpReadError
{
    None,

    /// <summary>The datagram held no bytes.</summary>
    Empty,

    /// <summary>Fewer than 4 bytes were left for a header.</summary>
    Truncated,

    /// <summary>The version field was not 2.</summary>
    BadVersion,

    /// <summary>A length field of 0: a header with no SSRC, which no packet type we read can be.</summary>
    ZeroLength,

    /// <summary>The length field pointed past the end of the datagram.</summary>
    LengthPastEnd,

    /// <summary>Padding on a packet that is not the last, or a padding count that does not fit the packet.</summary>
    BadPadding,
}
