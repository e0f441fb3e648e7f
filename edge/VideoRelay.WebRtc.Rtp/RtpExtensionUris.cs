namespace VideoRelay.WebRtc.Rtp;

/// <summary>URIs of the header extensions the edge negotiates in SDP (a=extmap).</summary>
public static class RtpExtensionUris
{
    public const string TransportWideSequenceNumber =
        "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    public const string PlayoutDelay = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    public const string AbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    public const string SdesMid = "urn:ietf:params:rtp-hdrext:sdes:mid";
}
