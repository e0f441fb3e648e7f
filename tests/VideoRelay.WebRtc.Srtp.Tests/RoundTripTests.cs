namespace VideoRelay.WebRtc.Srtp.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Rtp_with_csrcs_extension_and_padding_round_trips_and_keeps_the_header_clear(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtp = RtpPackets.Rtp(1000, csrcCount: 2, extensionWords: 3, payloadLength: 1187, padding: 4);
        byte[] original = (byte[])rtp.Clone();
        int header = 12 + 8 + 16;
        byte[] srtp = new byte[rtp.Length + sender.Parameters.RtpOverhead];

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out int written));

        Assert.Equal(rtp.Length + sender.Parameters.RtpOverhead, written);
        Assert.Equal(original, rtp);
        Assert.Equal(Hex.String(rtp.AsSpan(0, header)), Hex.String(srtp.AsSpan(0, header)));
        Assert.NotEqual(Hex.String(rtp.AsSpan(header)), Hex.String(srtp.AsSpan(header, rtp.Length - header)));

        byte[] back = new byte[written - sender.Parameters.RtpOverhead];
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp.AsSpan(0, written), back, out int plain));
        Assert.Equal(rtp.Length, plain);
        Assert.Equal(original, back);
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Rtp_in_place_round_trips(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtp = RtpPackets.Rtp(7, payloadLength: 33);
        byte[] buffer = new byte[rtp.Length + SrtpProfileParameters.MaxOverhead];
        rtp.CopyTo(buffer, 0);

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtpInPlace(buffer, rtp.Length, out int written));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtpInPlace(buffer.AsSpan(0, written), out int plain));

        Assert.Equal(Hex.String(rtp), Hex.String(buffer.AsSpan(0, plain)));
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Rtcp_round_trips_both_copying_and_in_place(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtcp = RtpPackets.Rtcp();
        byte[] srtcp = new byte[rtcp.Length + sender.Parameters.RtcpOverhead];

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcp(rtcp, srtcp, out int written));
        Assert.Equal(srtcp.Length, written);
        Assert.Equal(Hex.String(rtcp.AsSpan(0, 8)), Hex.String(srtcp.AsSpan(0, 8)));
        Assert.NotEqual(Hex.String(rtcp.AsSpan(8)), Hex.String(srtcp.AsSpan(8, rtcp.Length - 8)));

        byte[] back = new byte[rtcp.Length];
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(srtcp, back, out int plain));
        Assert.Equal(Hex.String(rtcp), Hex.String(back.AsSpan(0, plain)));

        byte[] buffer = new byte[rtcp.Length + SrtpProfileParameters.MaxOverhead];
        rtcp.CopyTo(buffer, 0);
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtcpInPlace(buffer, rtcp.Length, out written));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcpInPlace(buffer.AsSpan(0, written), out plain));
        Assert.Equal(Hex.String(rtcp), Hex.String(buffer.AsSpan(0, plain)));
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Many_ssrcs_in_one_session_each_keep_their_own_state(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] srtp = new byte[300];
        byte[] back = new byte[300];
        for (ushort seq = 0; seq < 20; seq++)
        {
            for (uint ssrc = 1; ssrc <= 10; ssrc++)
            {
                byte[] rtp = RtpPackets.Rtp((ushort)(seq + ssrc * 1000), ssrc, payloadLength: 50);
                Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out int written));
                Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp.AsSpan(0, written), back, out int plain));
                Assert.Equal(Hex.String(rtp), Hex.String(back.AsSpan(0, plain)));
            }
        }

        Assert.Equal(10, sender.StreamCount);
        Assert.Equal(10, receiver.StreamCount);
    }

    [Fact]
    public void Empty_payload_is_still_authenticated()
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] rtp = RtpPackets.Rtp(5, payloadLength: 0);
        byte[] srtp = new byte[rtp.Length + 10];

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out int written));
        Assert.Equal(22, written);
        srtp[1] ^= 0x80;
        Assert.Equal(SrtpStatus.AuthFailed, receiver.UnprotectRtpInPlace(srtp, out _));
    }

    [Theory]
    [InlineData(DtlsSrtpRole.Client)]
    [InlineData(DtlsSrtpRole.Server)]
    public void Dtls_sessions_of_both_roles_talk_to_each_other(DtlsSrtpRole ours)
    {
        byte[] material = Enumerable.Range(0, DtlsSrtpKeyMaterial.GetLength(SrtpProfile.AeadAes128Gcm)).Select(i => (byte)(i * 3)).ToArray();
        DtlsSrtpRole theirs = ours == DtlsSrtpRole.Client ? DtlsSrtpRole.Server : DtlsSrtpRole.Client;
        Assert.True(SrtpSession.TryCreate(material, SrtpProfile.AeadAes128Gcm, ours, out SrtpSession? us));
        Assert.True(SrtpSession.TryCreate(material, SrtpProfile.AeadAes128Gcm, theirs, out SrtpSession? peer));
        using (us)
        using (peer)
        {
            byte[] rtp = RtpPackets.Rtp(9);
            byte[] wire = new byte[rtp.Length + 16];
            byte[] back = new byte[rtp.Length];
            Assert.Equal(SrtpStatus.Ok, us.Outbound.ProtectRtp(rtp, wire, out int written));
            Assert.Equal(SrtpStatus.AuthFailed, us.Inbound.UnprotectRtp(wire.AsSpan(0, written), back, out _));
            Assert.Equal(SrtpStatus.Ok, peer.Inbound.UnprotectRtp(wire.AsSpan(0, written), back, out _));
            Assert.Equal(Hex.String(rtp), Hex.String(back));

            byte[] rtcp = RtpPackets.Rtcp();
            byte[] wire2 = new byte[rtcp.Length + 20];
            byte[] back2 = new byte[rtcp.Length];
            Assert.Equal(SrtpStatus.Ok, peer.Outbound.ProtectRtcp(rtcp, wire2, out written));
            Assert.Equal(SrtpStatus.Ok, us.Inbound.UnprotectRtcp(wire2.AsSpan(0, written), back2, out _));
            Assert.Equal(Hex.String(rtcp), Hex.String(back2));
        }
    }
}
