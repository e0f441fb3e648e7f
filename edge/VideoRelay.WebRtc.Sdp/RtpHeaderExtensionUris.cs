namespace VideoRelay.WebRtc.Sdp;

/// <summary>The RTP header extensions the edge can write, by their extmap URI.</summary>
public static class RtpHeaderExtensionUris
{
    /// <summary>RFC 8843 §15: the BUNDLE mid of the stream.</summary>
    public const string Mid = "urn:ietf:params:rtp-hdrext:sdes:mid";

    /// <summary>Transport-wide sequence number for TWCC.</summary>
    public const string TransportWideCc = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /// <summary>Playout delay limits (min = max = 0 asks the receiver for no jitter buffer delay).</summary>
    public const string PlayoutDelay = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    /// <summary>24-bit absolute send time (for REMB bandwidth estimation).</summary>
    public const string AbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
}
