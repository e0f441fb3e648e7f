namespace VideoRelay.WebRtc.Sdp;

/// <summary>The RTCP feedback types the edge understands and negotiated for a codec.</summary>
[Flags]
public enum RtcpFeedback
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>a=rtcp-fb:pt nack (generic NACK, RFC 4585).</summary>
    Nack = 1,

    /// <summary>a=rtcp-fb:pt nack pli (picture loss indication).</summary>
    NackPli = 2,

    /// <summary>a=rtcp-fb:pt ccm fir (full intra request, RFC 5104).</summary>
    CcmFir = 4,

    /// <summary>a=rtcp-fb:pt goog-remb (receiver estimated max bitrate).</summary>
    GoogRemb = 8,

    /// <summary>a=rtcp-fb:pt transport-cc (transport-wide congestion control feedback).</summary>
    TransportCc = 16,
}
