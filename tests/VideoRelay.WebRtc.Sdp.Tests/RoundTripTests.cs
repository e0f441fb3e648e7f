namespace VideoRelay.WebRtc.Sdp.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void Offer_builder_to_answer_builder_to_answer_parser()
    {
        var clientFingerprint = new DtlsFingerprint("sha-256", Enumerable.Repeat((byte)0xC4, 32).ToArray());
        string offerText = WhepOfferBuilder.Build("clnt", "clientPassword0123456789", clientFingerprint);

        SessionDescription offer = SdpParser.Parse(offerText);
        WhepAnswer answer = WhepAnswerBuilder.Build(offer, TestData.Local());

        Assert.Equal("clnt", answer.Session.RemoteIceUfrag);
        Assert.Equal("clientPassword0123456789", answer.Session.RemoteIcePwd);
        Assert.Equal(clientFingerprint, answer.Session.RemoteFingerprint);
        Assert.Equal(WhepOfferBuilder.H264PayloadType, answer.Session.Video!.PayloadType);
        Assert.Equal(WhepOfferBuilder.RtxPayloadType, answer.Session.Video.RtxPayloadType);
        Assert.Equal(WhepOfferBuilder.OpusPayloadType, answer.Session.Audio!.PayloadType);
        Assert.Equal(new NegotiatedHeaderExtensions(9, 4, 5, 2), answer.Session.Video.Extensions);

        RemoteAnswer remote = RemoteAnswer.Parse(answer.Sdp);
        Assert.Equal("edgeUfrg", remote.IceUfrag);
        Assert.Equal("edgePassword0123456789+/", remote.IcePwd);
        Assert.Equal(TestData.ServerFingerprint, remote.Fingerprint);
        Assert.Equal(DtlsSetup.Passive, remote.Setup);
        Assert.True(remote.IceLite);
        IceCandidate candidate = Assert.Single(remote.Candidates);
        Assert.Equal("192.0.2.10", candidate.Address);
        Assert.Equal(8443, candidate.Port);
        Assert.Equal(["0", "1"], remote.BundleMids);
        Assert.Equal(WhepOfferBuilder.H264PayloadType, remote.PayloadTypeOf("0"));
        Assert.Equal(WhepOfferBuilder.OpusPayloadType, remote.PayloadTypeOf("1"));
    }

    [Fact]
    public void Offer_builder_includes_candidates_when_given()
    {
        var fp = new DtlsFingerprint("sha-256", new byte[32]);
        var c = new IceCandidate("1", 1, "udp", 2130706431, "127.0.0.1", 5000, "host");
        SessionDescription offer = SdpParser.Parse(WhepOfferBuilder.Build("clnt", "clientPassword0123456789", fp, [c]));
        Assert.Equal(c, offer.Media[0].Candidates.Single());
        Assert.Equal(c, WhepAnswerBuilder.Build(offer, TestData.Local()).Session.RemoteCandidates[0]);
    }

    [Theory]
    [InlineData("sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89")]
    [InlineData("sha-1 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33")]
    public void Fingerprint_round_trips(string value)
    {
        DtlsFingerprint fp = DtlsFingerprint.TryParse(value)!;
        Assert.Equal(value, fp.ToString());
        Assert.Equal(fp, DtlsFingerprint.TryParse(value.ToLowerInvariant()));
    }

    [Fact]
    public void Fingerprint_with_wrong_length_for_its_algorithm_is_refused()
    {
        Assert.Null(DtlsFingerprint.TryParse("sha-256 AB:CD"));
        Assert.Null(DtlsFingerprint.TryParse("sha-256"));
    }

    [Theory]
    [InlineData("1 1 udp 2130706431 192.0.2.10 8443 typ host")]
    [InlineData("842163049 1 udp 1677729535 203.0.113.45 50027 typ srflx raddr 0.0.0.0 rport 0 generation 0 network-cost 999")]
    [InlineData("2 1 TCP 2105524479 10.0.0.5 9 typ host tcptype active")]
    public void Candidate_round_trips(string value)
    {
        Assert.Equal(value, IceCandidate.TryParse(value)!.ToString());
        Assert.Equal(value, IceCandidate.TryParse("candidate:" + value)!.ToString());
    }

    [Theory]
    [InlineData("42e01f", 0x42, 0xE0, 0x1F, true, false)]
    [InlineData("42001f", 0x42, 0x00, 0x1F, false, false)]
    [InlineData("4d001f", 0x4D, 0x00, 0x1F, false, true)]
    public void Profile_level_id_parses(string text, int profile, int iop, int level, bool constrainedBaseline, bool main)
    {
        Assert.True(H264ProfileLevelId.TryParse(text, out H264ProfileLevelId id));
        Assert.Equal(new H264ProfileLevelId((byte)profile, (byte)iop, (byte)level), id);
        Assert.Equal(constrainedBaseline, id.IsConstrainedBaseline);
        Assert.Equal(main, id.IsMain);
        Assert.Equal(text, id.ToString());
        Assert.False(H264ProfileLevelId.TryParse("42e01", out _));
        Assert.False(H264ProfileLevelId.TryParse("zzzzzz", out _));
    }
}
