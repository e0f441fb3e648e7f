using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// Builds the recvonly offer our own test WHEP client sends: one H.264 video section and one Opus
/// audio section, BUNDLEd, rtcp-mux, a=setup:actpass, with the header extensions the edge answers.
/// Shaped like a browser's offer so the same answer path is exercised.
/// </summary>
public static class WhepOfferBuilder
{
    /// <summary>H.264 42e01f packetization-mode=1.</summary>
    public const int H264PayloadType = 102;

    /// <summary>RTX for <see cref="H264PayloadType"/>.</summary>
    public const int RtxPayloadType = 103;

    /// <summary>Opus.</summary>
    public const int OpusPayloadType = 111;

    /// <summary>Builds the offer. Candidates are optional: an ICE-lite edge learns ours from our checks.</summary>
    public static string Build(string iceUfrag, string icePwd, DtlsFingerprint fingerprint, IReadOnlyList<IceCandidate>? candidates = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(iceUfrag);
        ArgumentException.ThrowIfNullOrEmpty(icePwd);
        ArgumentNullException.ThrowIfNull(fingerprint);
        ulong sessionId = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1;
        var w = new SdpWriter()
            .Line("v=0")
            .Line($"o=- {sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)} 2 IN IP4 127.0.0.1")
            .Line("s=-")
            .Line("t=0 0")
            .Line("a=group:BUNDLE 0 1")
            .Line("a=msid-semantic:WMS");

        Transport(w, "m=video 9 UDP/TLS/RTP/SAVPF 102 103", "0", iceUfrag, icePwd, fingerprint, candidates);
        w.Line("a=extmap:2 " + RtpHeaderExtensionUris.AbsSendTime)
            .Line("a=extmap:4 " + RtpHeaderExtensionUris.TransportWideCc)
            .Line("a=extmap:5 " + RtpHeaderExtensionUris.PlayoutDelay)
            .Line("a=extmap:9 " + RtpHeaderExtensionUris.Mid)
            .Line("a=recvonly")
            .Line("a=rtcp-mux")
            .Line("a=rtcp-rsize")
            .Line("a=rtpmap:102 H264/90000")
            .Line("a=rtcp-fb:102 goog-remb")
            .Line("a=rtcp-fb:102 transport-cc")
            .Line("a=rtcp-fb:102 ccm fir")
            .Line("a=rtcp-fb:102 nack")
            .Line("a=rtcp-fb:102 nack pli")
            .Line("a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
            .Line("a=rtpmap:103 rtx/90000")
            .Line("a=fmtp:103 apt=102");

        Transport(w, "m=audio 9 UDP/TLS/RTP/SAVPF 111", "1", iceUfrag, icePwd, fingerprint, candidates);
        w.Line("a=extmap:2 " + RtpHeaderExtensionUris.AbsSendTime)
            .Line("a=extmap:4 " + RtpHeaderExtensionUris.TransportWideCc)
            .Line("a=extmap:9 " + RtpHeaderExtensionUris.Mid)
            .Line("a=recvonly")
            .Line("a=rtcp-mux")
            .Line("a=rtcp-rsize")
            .Line("a=rtpmap:111 opus/48000/2")
            .Line("a=rtcp-fb:111 transport-cc")
            .Line("a=fmtp:111 minptime=10;useinbandfec=1");
        return w.ToString();
    }

    private static void Transport(SdpWriter w, string mLine, string mid, string ufrag, string pwd, DtlsFingerprint fingerprint,
        IReadOnlyList<IceCandidate>? candidates)
    {
        w.Line(mLine)
            .Line("c=IN IP4 0.0.0.0")
            .Line("a=rtcp:9 IN IP4 0.0.0.0");
        if (candidates is not null)
        {
            foreach (IceCandidate c in candidates)
            {
                w.Line("a=candidate:" + c);
            }
        }
        w.Line("a=ice-ufrag:" + ufrag)
            .Line("a=ice-pwd:" + pwd)
            .Line("a=fingerprint:" + fingerprint)
            .Line("a=setup:actpass")
            .Line("a=mid:" + mid);
    }
}
