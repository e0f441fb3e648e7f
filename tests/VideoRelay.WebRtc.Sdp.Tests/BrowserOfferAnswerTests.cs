namespace VideoRelay.WebRtc.Sdp.Tests;

public sealed class BrowserOfferAnswerTests
{
    public sealed record Expected(
        string File, int VideoPt, int RtxPt, int AudioPt,
        NegotiatedHeaderExtensions VideoExt, NegotiatedHeaderExtensions AudioExt,
        RtcpFeedback AudioFeedback, string RemoteUfrag, string FingerprintStart);

    public static TheoryData<string> Files => new()
    {
        "chromium-156-recvonly.sdp",
        "firefox-128-recvonly.sdp",
        "safari-17-recvonly.sdp",
    };

    private static Expected For(string file) => file switch
    {
        "chromium-156-recvonly.sdp" => new(file, 108, 109, 111,
            new NegotiatedHeaderExtensions(Mid: 9, TransportWideCc: 4, PlayoutDelay: 5, AbsSendTime: 2),
            new NegotiatedHeaderExtensions(Mid: 9, TransportWideCc: 4, PlayoutDelay: 0, AbsSendTime: 2),
            RtcpFeedback.TransportCc, "1JSk", "12:AD:3E"),
        "firefox-128-recvonly.sdp" => new(file, 126, 127, 109,
            new NegotiatedHeaderExtensions(Mid: 3, TransportWideCc: 7, PlayoutDelay: 6, AbsSendTime: 4),
            new NegotiatedHeaderExtensions(Mid: 3, TransportWideCc: 0, PlayoutDelay: 0, AbsSendTime: 0),
            RtcpFeedback.None, "8c1e4a2f", "5D:8F:1C"),
        "safari-17-recvonly.sdp" => new(file, 98, 99, 111,
            new NegotiatedHeaderExtensions(Mid: 9, TransportWideCc: 4, PlayoutDelay: 5, AbsSendTime: 2),
            new NegotiatedHeaderExtensions(Mid: 9, TransportWideCc: 4, PlayoutDelay: 0, AbsSendTime: 2),
            RtcpFeedback.TransportCc, "Tq7Z", "A1:3C:77"),
        _ => throw new ArgumentException(file),
    };

    private static (WhepAnswer Answer, SessionDescription Parsed) Answer(string file)
    {
        SessionDescription offer = SdpParser.Parse(TestData.Offer(file));
        WhepAnswer answer = WhepAnswerBuilder.Build(offer, TestData.Local());
        return (answer, SdpParser.Parse(answer.Sdp)); // our answer must pass our own parser
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Chooses_the_right_payload_types(string file)
    {
        Expected e = For(file);
        NegotiatedSession s = Answer(file).Answer.Session;

        NegotiatedMedia video = Assert.IsType<NegotiatedMedia>(s.Video);
        Assert.Equal(e.VideoPt, video.PayloadType);
        Assert.Equal("H264", video.Codec);
        Assert.Equal(90000, video.ClockRate);
        Assert.Equal(new H264ProfileLevelId(0x42, 0xE0, 0x1F), video.H264Profile);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", video.Fmtp);
        Assert.Equal(e.RtxPt, video.RtxPayloadType);
        Assert.Equal(0x22222222u, video.RtxSsrc);
        Assert.Equal(RtcpFeedback.Nack | RtcpFeedback.NackPli | RtcpFeedback.CcmFir | RtcpFeedback.GoogRemb | RtcpFeedback.TransportCc,
            video.Feedback);

        NegotiatedMedia audio = Assert.IsType<NegotiatedMedia>(s.Audio);
        Assert.Equal(e.AudioPt, audio.PayloadType);
        Assert.Equal("opus", audio.Codec);
        Assert.Equal(48000, audio.ClockRate);
        Assert.Equal(2, audio.Channels);
        Assert.Equal(e.AudioFeedback, audio.Feedback);
        Assert.Null(audio.RtxPayloadType);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Negotiates_the_offered_extension_ids(string file)
    {
        Expected e = For(file);
        NegotiatedSession s = Answer(file).Answer.Session;
        Assert.Equal(e.VideoExt, s.Video!.Extensions);
        Assert.Equal(e.AudioExt, s.Audio!.Extensions);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Answer_keeps_mid_order_bundles_and_is_ice_lite_sendonly(string file)
    {
        (WhepAnswer answer, SessionDescription parsed) = Answer(file);

        Assert.True(parsed.IceLite);
        Assert.Equal(["0", "1"], parsed.BundleGroups.Single());
        Assert.Equal(["0", "1"], answer.Session.BundleMids);
        Assert.Equal(["0", "1"], parsed.Media.Select(m => m.Mid));
        Assert.Equal(["video", "audio"], parsed.Media.Select(m => m.Kind));
        foreach (MediaDescription m in parsed.Media)
        {
            Assert.Equal(8443, m.Port);
            Assert.Equal(MediaDirection.SendOnly, m.Direction);
            Assert.True(m.RtcpMux);
            Assert.Equal("edgeUfrg", m.IceUfrag);
            Assert.Equal("edgePassword0123456789+/", m.IcePwd);
            Assert.Equal(DtlsSetup.Passive, m.Setup);
            Assert.Equal(TestData.ServerFingerprint, m.Fingerprints.Single());
            IceCandidate c = m.Candidates.Single();
            Assert.Equal(new IceCandidate("1", 1, "udp", 2130706431, "192.0.2.10", 8443, "host"), c);
            Assert.True(m.EndOfCandidates);
            Assert.Equal("live video0", parsed.Media[0].Msid);
        }
        Assert.Contains("a=candidate:1 1 udp 2130706431 192.0.2.10 8443 typ host\r\n", answer.Sdp);
        Assert.Contains("a=ice-lite\r\n", answer.Sdp);
        Assert.Equal(0x11111111u, parsed.Media[0].Ssrcs[0].Ssrc);
        Assert.Equal("cname", parsed.Media[0].Ssrcs[0].Attribute);
        Assert.Equal("relaycname", parsed.Media[0].Ssrcs[0].Value);
        Assert.Contains("a=ssrc-group:FID 286331153 572662306\r\n", answer.Sdp);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Records_the_remote_transport(string file)
    {
        Expected e = For(file);
        NegotiatedSession s = Answer(file).Answer.Session;
        Assert.Equal(e.RemoteUfrag, s.RemoteIceUfrag);
        Assert.True(s.RemoteIcePwd.Length >= 22);
        Assert.Equal("sha-256", s.RemoteFingerprint.Algorithm);
        Assert.Equal(32, s.RemoteFingerprint.Bytes.Length);
        Assert.StartsWith(e.FingerprintStart, s.RemoteFingerprint.ToString()["sha-256 ".Length..]);
        Assert.Equal(DtlsSetup.ActPass, s.RemoteSetup);
        Assert.Equal(DtlsSetup.Passive, s.LocalSetup);
        Assert.True(s.IsDtlsServer);
    }

    [Fact]
    public void Answer_echoes_extmap_direction_reversed()
    {
        string sdp = Answer("firefox-128-recvonly.sdp").Answer.Sdp;
        Assert.Contains("a=extmap:6/sendonly http://www.webrtc.org/experiments/rtp-hdrext/playout-delay\r\n", sdp);
        Assert.DoesNotContain("toffset", sdp);
        Assert.DoesNotContain("csrc-audio-level", sdp);
    }

    [Fact]
    public void Without_an_rtx_ssrc_rtx_is_not_negotiated()
    {
        SessionDescription offer = SdpParser.Parse(TestData.Offer("chromium-156-recvonly.sdp"));
        WhepAnswer answer = WhepAnswerBuilder.Build(offer, TestData.Local(rtx: false));
        Assert.Null(answer.Session.Video!.RtxPayloadType);
        Assert.DoesNotContain("rtx", answer.Sdp);
        Assert.Contains("m=video 8443 UDP/TLS/RTP/SAVPF 108\r\n", answer.Sdp);
    }

    [Fact]
    public void Chromium_offer_parses_in_full()
    {
        SessionDescription offer = SdpParser.Parse(TestData.Offer("chromium-156-recvonly.sdp"));
        Assert.Equal(2, offer.Media.Count);
        MediaDescription video = offer.Media[0];
        Assert.Equal(34, video.Formats.Count);
        Assert.Equal(MediaDirection.RecvOnly, video.Direction);
        Assert.Equal(11, video.Extmaps.Count);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", video.GetFmtp(108));
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), offer.Media[1].GetRtpMap(111));
        Assert.True(offer.HasAttribute("extmap-allow-mixed"));
    }
}
