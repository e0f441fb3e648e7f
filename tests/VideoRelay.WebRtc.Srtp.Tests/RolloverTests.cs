using VideoRelay.WebRtc.Srtp.Internal;

namespace VideoRelay.WebRtc.Srtp.Tests;

public sealed class RolloverTests
{
    [Theory]
    [InlineData(0x0000_0000_0005UL, 6, 0x0000_0000_0006L)]       // s_l < 2^15, ahead
    [InlineData(0x0000_0001_0005UL, 65530, 0x0000_0000_FFFAL)]   // s_l < 2^15, straggler from ROC - 1
    [InlineData(0x0000_0000_0005UL, 65530, -1L)]                 // ROC - 1 with ROC = 0: before index 0
    [InlineData(0x0000_0000_FFF0UL, 3, 0x0000_0001_0003L)]       // s_l >= 2^15, wrapped: ROC + 1
    [InlineData(0x0000_0000_FFF0UL, 40000, 0x0000_0000_9C40L)]   // s_l >= 2^15, older, same ROC
    [InlineData(0x0000_0002_8000UL, 0, 0x0000_0002_0000L)]       // s_l = 32768 exactly: SEQ 0 is not ahead
    [InlineData(0xFFFF_FFFF_FFF0UL, 3, (1L << 48) + 3)]          // ROC would overflow 32 bits
    public void Appendix_a_estimate(ulong highest, ushort seq, long expected) =>
        Assert.Equal(expected, RolloverCounter.Estimate(highest, seq));

    [Theory]
    [MemberData(nameof(TestContexts.Profiles), MemberType = typeof(TestContexts))]
    public void Sequence_wrap_65535_to_0_keeps_round_trips_working_and_bumps_the_roc(SrtpProfile profile)
    {
        var (sender, receiver) = TestContexts.Pair(profile);
        const uint Ssrc = 0x11223344;
        byte[] srtp = new byte[200];
        byte[] back = new byte[200];
        for (int i = 0; i < 40; i++)
        {
            ushort seq = (ushort)(65520 + i);
            byte[] rtp = RtpPackets.Rtp(seq, Ssrc, payloadLength: 60);
            Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out int written));
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(srtp.AsSpan(0, written), back, out int plain));
            Assert.Equal(Hex.String(rtp), Hex.String(back.AsSpan(0, plain)));
        }

        Assert.True(sender.TryGetHighestIndex(Ssrc, send: true, out ulong sent));
        Assert.True(receiver.TryGetHighestIndex(Ssrc, send: false, out ulong received));
        Assert.Equal(0x1_0000UL + 23, sent);
        Assert.Equal(0x1_0000UL + 23, received);
        Assert.True(receiver.TryGetRolloverCounter(Ssrc, send: false, out uint roc));
        Assert.Equal(1u, roc);
    }

    [Fact]
    public void Straggler_from_before_the_wrap_arriving_after_it_decrypts_with_the_old_roc()
    {
        var (sender, receiver) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        byte[] beforeWrap = Protect(sender, 65535);
        byte[] afterWrap = Protect(sender, 0);
        byte[] back = new byte[200];

        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(Protect(sender, 65534), back, out _));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(afterWrap, back, out _));
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(beforeWrap, back, out int plain));

        Assert.Equal(Hex.String(RtpPackets.Rtp(65535, payloadLength: 60)), Hex.String(back.AsSpan(0, plain)));
        Assert.True(receiver.TryGetHighestIndex(0x11223344, send: false, out ulong highest));
        Assert.Equal(0x1_0000UL, highest);
    }

    [Fact]
    public void Retransmission_of_an_old_sequence_after_the_wrap_gets_its_original_ciphertext()
    {
        var (sender, _) = TestContexts.Pair(SrtpProfile.AeadAes128Gcm);
        byte[] original = Protect(sender, 65535);
        Protect(sender, 0);
        Protect(sender, 1);

        byte[] retransmitted = Protect(sender, 65535);

        Assert.Equal(Hex.String(original), Hex.String(retransmitted));
    }

    [Fact]
    public void After_the_wrap_the_keystream_differs_from_roc_zero()
    {
        var (sender, _) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        var (fresh, _) = TestContexts.Pair(SrtpProfile.Aes128CmHmacSha1_80);
        Protect(sender, 65535);

        Assert.NotEqual(Hex.String(Protect(fresh, 0)), Hex.String(Protect(sender, 0)));
    }

    private static byte[] Protect(SrtpContext sender, ushort seq)
    {
        byte[] rtp = RtpPackets.Rtp(seq, payloadLength: 60);
        byte[] srtp = new byte[rtp.Length + sender.Parameters.RtpOverhead];
        Assert.Equal(SrtpStatus.Ok, sender.ProtectRtp(rtp, srtp, out _));
        return srtp;
    }
}
