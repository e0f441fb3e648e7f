using VideoRelay.WebRtc.Rtp.Rtcp;

namespace VideoRelay.WebRtc.Rtp.Tests.Rtcp;

public sealed class RtcpFeedbackTests
{
    [Fact]
    public void Nack_fci_expands_pid_and_blp()
    {
        byte[] packet =
        [
            0x81, 205, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2,
            0, 100, 0b0000_0000, 0b0000_0101,  // 100, 101, 103
            0xFF, 0xFF, 0x80, 0x00,            // 65535, and 65535 + 16 = 15 (wraps)
        ];
        Assert.True(NackPacket.TryRead(packet, out NackPacket nack, out int consumed));
        Assert.Equal(20, consumed);
        Assert.Equal((1u, 2u), (nack.SenderSsrc, nack.MediaSsrc));
        Assert.Equal(2, nack.FciCount);
        Assert.Equal(((ushort)100, (ushort)5), nack.GetFci(0));

        var lost = new List<ushort>();
        foreach (ushort s in nack.LostSequenceNumbers)
        {
            lost.Add(s);
        }
        Assert.Equal(new ushort[] { 100, 101, 103, 65535, 15 }, lost);
        Span<ushort> some = stackalloc ushort[2];
        Assert.Equal(2, nack.CopyLostTo(some));
    }

    [Fact]
    public void Nack_builder_packs_nearby_losses_and_roundtrips()
    {
        ushort[] lost = [100, 101, 103, 116, 117, 200, 65534, 65535, 0, 5];
        var buf = new byte[128];

        Assert.True(NackPacket.TryWrite(buf, 1, 2, lost, out int n));

        Assert.Equal(NackPacket.GetSerializedSize(lost), n);
        Assert.True(NackPacket.TryRead(buf.AsSpan(0, n), out NackPacket nack, out _));
        Assert.Equal(4, nack.FciCount); // [100..116], [117], [200], [65534..5]
        var back = new ushort[32];
        int count = nack.CopyLostTo(back);
        Assert.Equal(lost, back[..count]);
    }

    [Fact]
    public void Pli_roundtrips()
    {
        var buf = new byte[PictureLossIndication.Size];
        Assert.True(new PictureLossIndication(5, 6).TryWrite(buf, out int n));
        Assert.Equal(new byte[] { 0x81, 206, 0, 2, 0, 0, 0, 5, 0, 0, 0, 6 }, buf[..n]);
        Assert.True(PictureLossIndication.TryRead(buf, out PictureLossIndication pli, out _));
        Assert.Equal(new PictureLossIndication(5, 6), pli);
    }

    [Fact]
    public void Fir_roundtrips()
    {
        var buf = new byte[64];
        FirEntry[] entries = [new(0xAAAA, 3), new(0xBBBB, 255)];
        Assert.True(FullIntraRequest.TryWrite(buf, 9, entries, out int n));
        Assert.Equal(28, n);
        Assert.Equal(0x84, buf[0]);
        Assert.True(FullIntraRequest.TryRead(buf.AsSpan(0, n), out FullIntraRequest fir, out _));
        Assert.Equal(9u, fir.SenderSsrc);
        Assert.Equal(2, fir.Count);
        Assert.Equal(entries[0], fir[0]);
        Assert.Equal(entries[1], fir[1]);
    }

    [Theory]
    [InlineData(1_000_000UL, 1_000_000UL)]           // 250000 << 2: exact
    [InlineData(262_143UL, 262_143UL)]               // fits the mantissa
    [InlineData(123_456_789UL, 123_456_512UL)]       // rounded down to 18 significant bits
    [InlineData(0UL, 0UL)]
    public void Remb_roundtrips_bitrate_and_ssrcs(ulong bitrate, ulong expected)
    {
        var buf = new byte[64];
        uint[] ssrcs = [0x1234, 0x5678];
        Assert.True(RembPacket.TryWrite(buf, 7, bitrate, ssrcs, out int n));
        Assert.True(RembPacket.IsRemb(buf));
        Assert.True(RembPacket.TryRead(buf.AsSpan(0, n), out RembPacket remb, out _));
        Assert.Equal(expected, remb.Bitrate);
        Assert.Equal(7u, remb.SenderSsrc);
        Assert.Equal(2, remb.SsrcCount);
        Assert.Equal(0x5678u, remb.GetSsrc(1));
    }

    [Fact]
    public void Remb_with_ssrc_count_past_the_end_is_rejected()
    {
        var buf = new byte[64];
        RembPacket.TryWrite(buf, 7, 1000, [1], out int n);
        buf[16] = 5; // Num SSRC
        Assert.False(RembPacket.TryRead(buf.AsSpan(0, n), out _, out _));
    }

    [Fact]
    public void Feedback_of_the_wrong_format_is_rejected()
    {
        var buf = new byte[PictureLossIndication.Size];
        new PictureLossIndication(1, 2).TryWrite(buf, out _);
        Assert.False(FullIntraRequest.TryRead(buf, out _, out _));
        Assert.False(NackPacket.TryRead(buf, out _, out _));
        Assert.False(RembPacket.TryRead(buf, out _, out _));
    }
}
