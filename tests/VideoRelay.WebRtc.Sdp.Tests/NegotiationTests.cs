namespace VideoRelay.WebRtc.Sdp.Tests;

public sealed class NegotiationTests
{
    private static WhepAnswer Build(string offer) => WhepAnswerBuilder.Build(SdpParser.Parse(offer), TestData.Local());

    private static string WithAudio(string offer) => offer +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:111 opus/48000/2\r\n";

    [Fact]
    public void Offer_without_packetization_mode_1_gets_the_video_section_rejected()
    {
        string offer = TestData.VideoOffer("97 104",
            "a=rtpmap:97 H264/90000",
            "a=fmtp:97 profile-level-id=42e01f;level-asymmetry-allowed=1",
            "a=rtpmap:104 H264/90000",
            "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f");
        offer = offer.Replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1", StringComparison.Ordinal);
        WhepAnswer answer = Build(WithAudio(offer));

        NegotiatedMedia video = answer.Session.Media[0];
        Assert.False(video.Accepted);
        Assert.Contains("packetization-mode=1", video.RejectReason, StringComparison.Ordinal);
        Assert.Null(answer.Session.Video);
        Assert.Equal(["1"], answer.Session.BundleMids);
        Assert.Contains("m=video 0 UDP/TLS/RTP/SAVPF 97\r\nc=IN IP4 0.0.0.0\r\na=mid:0\r\n", answer.Sdp);

        SessionDescription parsed = SdpParser.Parse(answer.Sdp);
        Assert.Equal(["0", "1"], parsed.Media.Select(m => m.Mid));
        Assert.Equal(0, parsed.Media[0].Port);
        Assert.Equal(["1"], parsed.BundleGroups.Single());
    }

    [Fact]
    public void Video_only_offer_without_a_usable_codec_is_refused_with_the_reason()
    {
        string offer = TestData.VideoOffer("96", "a=rtpmap:96 VP8/90000");
        var e = Assert.Throws<SdpNegotiationException>(() => Build(offer));
        Assert.Contains("no media section can be served", e.Message, StringComparison.Ordinal);
        Assert.Contains("H.264", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_profile_is_taken_when_no_baseline_is_offered()
    {
        string offer = TestData.VideoOffer("116 41",
            "a=rtpmap:41 H264/90000",
            "a=fmtp:41 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=f4001f",
            "a=rtpmap:116 H264/90000",
            "a=fmtp:116 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f");
        NegotiatedMedia video = Build(offer).Session.Video!;
        Assert.Equal(116, video.PayloadType);
        Assert.Equal("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f", video.Fmtp);
    }

    [Fact]
    public void Constrained_baseline_beats_baseline_and_main_whatever_the_order()
    {
        string offer = TestData.VideoOffer("116 102 125",
            "a=rtpmap:116 H264/90000",
            "a=fmtp:116 packetization-mode=1;profile-level-id=4d001f",
            "a=rtpmap:102 H264/90000",
            "a=fmtp:102 packetization-mode=1;profile-level-id=42001f",
            "a=rtpmap:125 H264/90000",
            "a=fmtp:125 packetization-mode=1;profile-level-id=42c01f");
        Assert.Equal(125, Build(offer).Session.Video!.PayloadType);
    }

    [Fact]
    public void High_profile_only_is_rejected()
    {
        string offer = TestData.VideoOffer("96", "a=rtpmap:96 H264/90000", "a=fmtp:96 packetization-mode=1;profile-level-id=640c1f");
        Assert.Throws<SdpNegotiationException>(() => Build(offer));
    }

    [Fact]
    public void Data_channel_section_is_rejected_but_keeps_its_mid_and_place()
    {
        string offer = TestData.Offer("chromium-156-recvonly.sdp")
            .Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2", StringComparison.Ordinal)
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=sctp-port:5000\r\n";
        WhepAnswer answer = Build(offer);
        Assert.Equal(3, answer.Session.Media.Count);
        Assert.False(answer.Session.Media[2].Accepted);
        Assert.Equal(MediaKind.Application, answer.Session.Media[2].Kind);
        Assert.Equal(["0", "1"], answer.Session.BundleMids);
        Assert.EndsWith("m=application 0 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\n", answer.Sdp);
        SessionDescription parsed = SdpParser.Parse(answer.Sdp);
        Assert.Equal(["0", "1", "2"], parsed.Media.Select(m => m.Mid));
    }

    [Fact]
    public void A_second_video_section_is_rejected()
    {
        string offer = TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1;profile-level-id=42e01f")
            .Replace("a=group:BUNDLE 0", "a=group:BUNDLE 0 1", StringComparison.Ordinal)
            + "m=video 9 UDP/TLS/RTP/SAVPF 102\r\nc=IN IP4 0.0.0.0\r\na=mid:1\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:102 H264/90000\r\na=fmtp:102 packetization-mode=1;profile-level-id=42e01f\r\n";
        WhepAnswer answer = Build(offer);
        Assert.True(answer.Session.Media[0].Accepted);
        Assert.False(answer.Session.Media[1].Accepted);
        Assert.Equal(["0"], answer.Session.BundleMids);
    }

    [Fact]
    public void Section_without_rtcp_mux_is_rejected()
    {
        string offer = TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1")
            .Replace("a=rtcp-mux\r\n", "", StringComparison.Ordinal);
        var e = Assert.Throws<SdpNegotiationException>(() => Build(offer));
        Assert.Contains("rtcp-mux", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Passive_offerer_makes_us_the_dtls_client()
    {
        string offer = TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1;profile-level-id=42e01f")
            .Replace("a=setup:actpass", "a=setup:passive", StringComparison.Ordinal);
        WhepAnswer answer = Build(offer);
        Assert.Equal(DtlsSetup.Active, answer.Session.LocalSetup);
        Assert.False(answer.Session.IsDtlsServer);
        Assert.Contains("a=setup:active\r\n", answer.Sdp);
    }

    [Fact]
    public void Sendonly_offer_section_is_answered_inactive()
    {
        string offer = TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1;profile-level-id=42e01f")
            .Replace("a=recvonly", "a=sendonly", StringComparison.Ordinal);
        WhepAnswer answer = Build(offer);
        Assert.Equal(MediaDirection.Inactive, answer.Session.Video!.Direction);
        Assert.Contains("a=inactive\r\n", answer.Sdp);
    }

    [Theory]
    [InlineData("a=ice-ufrag:abcd\r\n", "ice-ufrag")]
    [InlineData("a=ice-pwd:abcdefghijklmnopqrstuvwx\r\n", "ice-pwd")]
    public void Offer_without_ice_credentials_is_refused(string line, string expected)
    {
        string offer = TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1")
            .Replace(line, "", StringComparison.Ordinal);
        var e = Assert.Throws<SdpNegotiationException>(() => Build(offer));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Offer_with_only_a_sha1_fingerprint_is_refused()
    {
        string offer = TestData.VideoOffer("102", "a=rtpmap:102 H264/90000", "a=fmtp:102 packetization-mode=1")
            .Replace("a=fingerprint:sha-256 " + string.Join(':', Enumerable.Repeat("AB", 32)),
                "a=fingerprint:sha-1 " + string.Join(':', Enumerable.Repeat("AB", 20)), StringComparison.Ordinal);
        var e = Assert.Throws<SdpNegotiationException>(() => Build(offer));
        Assert.Contains("sha-256", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostname_and_ipv6_candidates_get_matching_connection_lines()
    {
        SessionDescription offer = SdpParser.Parse(TestData.Offer("chromium-156-recvonly.sdp"));
        string v6 = WhepAnswerBuilder.Build(offer, TestData.Local() with { CandidateAddress = "2001:db8::10" }).Sdp;
        Assert.Contains("c=IN IP6 2001:db8::10\r\n", v6);
        Assert.Contains("a=candidate:1 1 udp 2130706431 2001:db8::10 8443 typ host\r\n", v6);
        string host = WhepAnswerBuilder.Build(offer, TestData.Local() with { CandidateAddress = "edge1.example.net" }).Sdp;
        Assert.Contains("c=IN IP4 edge1.example.net\r\n", host);
    }

    [Fact]
    public void Invalid_local_parameters_are_refused()
    {
        SessionDescription offer = SdpParser.Parse(TestData.Offer("chromium-156-recvonly.sdp"));
        Assert.Throws<ArgumentException>(() => WhepAnswerBuilder.Build(offer, TestData.Local() with { IcePwd = "short" }));
        Assert.Throws<ArgumentException>(() => WhepAnswerBuilder.Build(offer, TestData.Local() with { CandidatePort = 0 }));
        Assert.Throws<ArgumentException>(() => WhepAnswerBuilder.Build(offer, TestData.Local() with { CandidateAddress = "a b" }));
    }
}
