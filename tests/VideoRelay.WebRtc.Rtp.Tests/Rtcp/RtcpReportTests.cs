using VideoRelay.WebRtc.Rtp.Rtcp;

namespace VideoRelay.WebRtc.Rtp.Tests.Rtcp;

public sealed class RtcpReportTests
{
    private static readonly ReportBlock BlockA = new(0x11111111, 25, 1000, 0x0001FFFF, 42, 0xAABBCCDD, 65536);
    private static readonly ReportBlock BlockB = new(0x22222222, 0, -5, 7, 0, 0, 0);

    [Fact]
    public void Sender_report_roundtrips_with_report_blocks()
    {
        var sr = new SenderReport
        {
            Ssrc = 0xDEADBEEF,
            NtpTimestamp = NtpTime.FromUnixNs(1_700_000_000_123_456_789),
            RtpTimestamp = 123456,
            PacketCount = 1000,
            OctetCount = 1_200_000,
        };
        Assert.True(sr.Blocks.TryAdd(BlockA));
        Assert.True(sr.Blocks.TryAdd(BlockB));
        var buf = new byte[sr.GetSerializedSize()];

        Assert.True(sr.TryWrite(buf, out int n));
        Assert.Equal(28 + 48, n);
        Assert.Equal(0x82, buf[0]);
        Assert.Equal(200, buf[1]);
        Assert.True(SenderReport.TryRead(buf, out SenderReport r, out int consumed));

        Assert.Equal(n, consumed);
        Assert.Equal((sr.Ssrc, sr.NtpTimestamp, sr.RtpTimestamp, sr.PacketCount, sr.OctetCount),
            (r.Ssrc, r.NtpTimestamp, r.RtpTimestamp, r.PacketCount, r.OctetCount));
        Assert.Equal(2, r.Blocks.Count);
        Assert.Equal(BlockA, r.Blocks[0]);
        Assert.Equal(BlockB, r.Blocks[1]);
    }

    [Fact]
    public void Ntp_time_converts_both_ways()
    {
        long ns = 1_700_000_000_123_456_789;
        ulong ntp = NtpTime.FromUnixNs(ns);
        Assert.Equal(1_700_000_000UL + NtpTime.UnixEpochOffsetSeconds, ntp >> 32);
        Assert.InRange(NtpTime.ToUnixNs(ntp), ns - 1, ns);
        Assert.Equal((uint)(ntp >> 16), NtpTime.ToCompact(ntp));
    }

    [Fact]
    public void Receiver_report_has_the_rfc3550_layout()
    {
        var rr = new ReceiverReport { Ssrc = 1 };
        rr.Blocks.TryAdd(new ReportBlock(2, 0x80, -1, 0x00010005, 3, 4, 5));
        var buf = new byte[64];

        Assert.True(rr.TryWrite(buf, out int n));

        byte[] expected =
        [
            0x81, 201, 0, 7, 0, 0, 0, 1,
            0, 0, 0, 2, 0x80, 0xFF, 0xFF, 0xFF, 0, 1, 0, 5, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0, 5,
        ];
        Assert.Equal(expected, buf[..n]);
        Assert.True(ReceiverReport.TryRead(expected, out ReceiverReport r, out _));
        Assert.Equal(-1, r.Blocks[0].CumulativeLost);
        Assert.Equal(0x80, r.Blocks[0].FractionLost);
    }

    [Fact]
    public void Report_with_missing_blocks_is_rejected()
    {
        var rr = new ReceiverReport { Ssrc = 1 };
        rr.Blocks.TryAdd(BlockA);
        var buf = new byte[64];
        rr.TryWrite(buf, out int n);
        buf[0] = 0x82; // claims two blocks
        Assert.False(ReceiverReport.TryRead(buf.AsSpan(0, n), out _, out _));
        Assert.False(SenderReport.TryRead(buf.AsSpan(0, n), out _, out _)); // wrong type
    }

    [Fact]
    public void Cumulative_loss_is_clamped_to_24_bits()
    {
        var buf = new byte[ReportBlock.Size];
        new ReportBlock(1, 0, 10_000_000, 0, 0, 0, 0).TryWrite(buf, out _);
        ReportBlock.TryRead(buf, out ReportBlock b, out _);
        Assert.Equal(0x7FFFFF, b.CumulativeLost);
    }

    [Fact]
    public void Sdes_cname_roundtrips()
    {
        var buf = new byte[64];
        Assert.True(SdesPacket.TryWrite(buf, 0x01020304, "relay@edge"u8, out int n));
        Assert.Equal(0, n % 4);
        Assert.Equal(SdesPacket.GetSerializedSize(10), n);

        Assert.True(SdesPacket.TryRead(buf.AsSpan(0, n), out SdesPacket sdes, out int consumed));
        Assert.Equal(n, consumed);
        Assert.Equal(1, sdes.ChunkCount);
        Assert.True(sdes.TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(0x01020304u, ssrc);
        Assert.Equal("relay@edge"u8.ToArray(), cname.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Sdes_always_ends_with_a_null_octet(int cnameLength)
    {
        var buf = new byte[64];
        byte[] cname = Enumerable.Repeat((byte)'a', cnameLength).ToArray();
        Assert.True(SdesPacket.TryWrite(buf, 7, cname, out int n));
        Assert.Equal(0, buf[10 + cnameLength]);
        Assert.True(SdesPacket.TryRead(buf.AsSpan(0, n), out SdesPacket sdes, out _));
        Assert.True(sdes.TryGetCname(out _, out ReadOnlySpan<byte> got));
        Assert.Equal(cname, got.ToArray());
    }

    [Fact]
    public void Sdes_with_an_item_past_the_end_is_rejected()
    {
        byte[] packet = [0x81, 202, 0, 2, 0, 0, 0, 1, 1, 9, (byte)'a', 0];
        Assert.False(SdesPacket.TryRead(packet, out _, out _));
    }

    [Fact]
    public void Bye_roundtrips_with_and_without_reason()
    {
        var bye = new ByePacket();
        Assert.True(bye.TryAddSsrc(1));
        Assert.True(bye.TryAddSsrc(2));
        bye.Reason = "viewer left";
        var buf = new byte[64];

        Assert.True(bye.TryWrite(buf, out int n));
        Assert.Equal(0, n % 4);
        Assert.True(ByePacket.TryRead(buf.AsSpan(0, n), out ByePacket r, out _));
        Assert.Equal(new uint[] { 1, 2 }, r.Ssrcs.ToArray());
        Assert.Equal("viewer left", r.Reason);

        bye.Reason = null;
        Assert.True(bye.TryWrite(buf, out n));
        Assert.Equal(12, n);
        Assert.True(ByePacket.TryRead(buf.AsSpan(0, n), out r, out _));
        Assert.Null(r.Reason);
    }
}
