namespace VideoRelay.WebRtc.Srtp.Tests;

/// <summary>Truncated and garbage input gives a status, never an exception.</summary>
public sealed class MalformedInputTests
{
    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Every_truncation_of_a_valid_srtp_packet_is_refused(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtp = RtpPackets.Rtp(77, csrcCount: 1, extensionWords: 2, payloadLength: 30);
        byte[] srtp = new byte[rtp.Length + sender.Parameters.RtpOverhead];
        sender.ProtectRtp(rtp, srtp, out _);
        byte[] sink = new byte[srtp.Length];

        for (int length = 0; length < srtp.Length; length++)
        {
            SrtpStatus status = receiver.UnprotectRtp(srtp.AsSpan(0, length), sink, out int written);
            Assert.True(status is SrtpStatus.Malformed or SrtpStatus.AuthFailed, $"length {length}: {status}");
            Assert.Equal(0, written);
        }

        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp, sink, out _));
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Every_truncation_of_a_valid_srtcp_packet_is_refused(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        byte[] rtcp = RtpPackets.Rtcp();
        byte[] srtcp = new byte[rtcp.Length + sender.Parameters.RtcpOverhead];
        sender.ProtectRtcp(rtcp, srtcp, out _);
        byte[] sink = new byte[srtcp.Length];

        for (int length = 0; length < srtcp.Length; length++)
        {
            SrtpStatus status = receiver.UnprotectRtcp(srtcp.AsSpan(0, length), sink, out _);
            Assert.True(status is SrtpStatus.Malformed or SrtpStatus.AuthFailed, $"length {length}: {status}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("80")]
    [InlineData("8060000100000000000000")]                     // 11 bytes
    [InlineData("4060000100000000000000aa")]                   // version 1
    [InlineData("8f60000100000000000000aa")]                   // CC = 15 but no CSRCs
    [InlineData("9060000100000000000000aa")]                   // X set, no extension header
    [InlineData("9060000100000000000000aabede0001")]           // extension of 1 word missing
    public void Bad_rtp_headers_are_malformed_for_protect_and_unprotect(string hex)
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] packet = Hex.Bytes(hex);
        byte[] sink = new byte[packet.Length + 64];

        Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtp(packet, sink, out _));
        Assert.Equal(SrtpStatus.Malformed, receiver.UnprotectRtp(packet, sink, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("81c8000d4d6172")]
    [InlineData("41c8000d4d617273")]
    public void Bad_rtcp_headers_are_malformed(string hex)
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.AeadAes128Gcm);
        byte[] packet = Hex.Bytes(hex);
        byte[] sink = new byte[packet.Length + 64];

        Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtcp(packet, sink, out _));
        Assert.Equal(SrtpStatus.Malformed, receiver.UnprotectRtcp(packet, sink, out _));
    }

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Random_garbage_never_throws_and_never_authenticates(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        var random = new Random(1234 + (int)profile);
        byte[] sink = new byte[2100];
        int iterations = SrtpProfileParameters.Get(profile).IsAead ? 300 : 3000;
        for (int i = 0; i < iterations; i++)
        {
            byte[] garbage = new byte[random.Next(0, 2000)];
            random.NextBytes(garbage);
            if (garbage.Length > 0 && i % 2 == 0)
            {
                garbage[0] = (byte)(0x80 | (garbage[0] & 0x3F));
            }

            Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtp(garbage, sink, out _));
            Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtcp(garbage, sink, out _));
            sender.ProtectRtp(garbage, sink, out _);
            sender.ProtectRtcp(garbage, sink, out _);
        }

        Assert.Equal(0, receiver.StreamCount);
    }

    [Fact]
    public void Destination_too_small_is_reported_for_each_operation()
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] rtp = RtpPackets.Rtp(1, payloadLength: 20);
        byte[] rtcp = RtpPackets.Rtcp();
        byte[] srtp = new byte[rtp.Length + 10];
        byte[] srtcp = new byte[rtcp.Length + 14];
        sender.ProtectRtp(rtp, srtp, out _);
        sender.ProtectRtcp(rtcp, srtcp, out _);

        Assert.Equal(SrtpStatus.DestinationTooSmall, sender.ProtectRtp(rtp, new byte[rtp.Length + 9], out _));
        Assert.Equal(SrtpStatus.DestinationTooSmall, sender.ProtectRtcp(rtcp, new byte[rtcp.Length + 13], out _));
        Assert.Equal(SrtpStatus.DestinationTooSmall, receiver.UnprotectRtp(srtp, new byte[rtp.Length - 1], out _));
        Assert.Equal(SrtpStatus.DestinationTooSmall, receiver.UnprotectRtcp(srtcp, new byte[rtcp.Length - 1], out _));
        Assert.Equal(SrtpStatus.Malformed, sender.ProtectRtpInPlace(new byte[10], 11, out _));
    }

    [Fact]
    public void New_ssrcs_past_the_limit_are_refused_and_known_ones_keep_working()
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.AeadAes128Gcm, maxStreams: 2);
        byte[] srtp = new byte[200];
        byte[] sink = new byte[200];

        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(RtpPackets.Rtp(1, ssrc: 1), srtp, out int written));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp.AsSpan(0, written), sink, out _));
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(RtpPackets.Rtp(1, ssrc: 2), srtp, out written));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp.AsSpan(0, written), sink, out _));
        Assert.Equal(SrtpStatus.TooManyStreams, sender.ProtectRtp(RtpPackets.Rtp(1, ssrc: 3), srtp, out _));

        using var third = new SrtpContext(TestContexts.MasterKey(SrtpProfile.AeadAes128Gcm));
        third.ProtectRtp(RtpPackets.Rtp(1, ssrc: 3), srtp, out written);
        Assert.Equal(SrtpStatus.TooManyStreams, receiver.UnprotectRtp(srtp.AsSpan(0, written), sink, out _));

        Assert.True(receiver.RemoveStream(2));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp.AsSpan(0, written), sink, out _));
    }

    [Fact]
    public void Partial_overlap_of_source_and_destination_is_a_programming_error()
    {
        var (sender, _) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] buffer = new byte[300];
        RtpPackets.Rtp(1, payloadLength: 50).CopyTo(buffer, 0);

        Assert.Throws<ArgumentException>(() => sender.ProtectRtp(buffer.AsSpan(0, 62), buffer.AsSpan(4), out _));
    }
}
