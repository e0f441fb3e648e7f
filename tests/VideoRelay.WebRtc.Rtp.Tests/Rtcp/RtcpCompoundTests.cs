using CsCheck;
using VideoRelay.WebRtc.Rtp.Rtcp;

namespace VideoRelay.WebRtc.Rtp.Tests.Rtcp;

public sealed class RtcpCompoundTests
{
    [Fact]
    public void Sender_report_with_sdes_builds_and_iterates()
    {
        var sr = new SenderReport { Ssrc = 42, NtpTimestamp = 1UL << 40, RtpTimestamp = 9, PacketCount = 3, OctetCount = 3000 };
        var buf = new byte[256];
        Assert.True(RtcpCompoundBuilder.TryWriteSenderReportWithSdes(buf, sr, "edge-1"u8, out int n));
        Assert.Equal(RtcpCompoundBuilder.GetSenderReportWithSdesSize(sr, 6), n);

        var reader = new RtcpCompoundReader(buf.AsSpan(0, n));
        Assert.True(reader.TryNext(out RtcpHeader h1, out ReadOnlySpan<byte> p1));
        Assert.Equal(RtcpPacketType.SenderReport, h1.PacketType);
        Assert.True(SenderReport.TryRead(p1, out SenderReport read, out _));
        Assert.Equal(42u, read.Ssrc);
        Assert.True(reader.TryNext(out RtcpHeader h2, out ReadOnlySpan<byte> p2));
        Assert.Equal(RtcpPacketType.SourceDescription, h2.PacketType);
        Assert.True(SdesPacket.TryRead(p2, out SdesPacket sdes, out _));
        Assert.True(sdes.TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname));
        Assert.Equal(42u, ssrc);
        Assert.Equal("edge-1"u8.ToArray(), cname.ToArray());
        Assert.False(reader.TryNext(out _, out _));
        Assert.Equal(RtcpReadError.None, reader.Error);
        Assert.Equal(2, reader.PacketCount);
    }

    [Fact]
    public void Browser_style_compound_iterates_every_packet()
    {
        var buf = new byte[512];
        int o = 0;
        var rr = new ReceiverReport { Ssrc = 1 };
        rr.Blocks.TryAdd(new ReportBlock(2, 0, 0, 100, 0, 0, 0));
        Assert.True(RtcpCompoundBuilder.TryWriteReceiverReportWithSdes(buf, rr, "browser"u8, out int n));
        o += n;
        Assert.True(NackPacket.TryWrite(buf.AsSpan(o), 1, 2, [5, 6], out n));
        o += n;
        Assert.True(new PictureLossIndication(1, 2).TryWrite(buf.AsSpan(o), out n));
        o += n;
        Assert.True(RembPacket.TryWrite(buf.AsSpan(o), 1, 2_000_000, [2], out n));
        o += n;
        Assert.True(TransportFeedbackWriter.TryWrite(buf.AsSpan(o), 1, 2, 0, 0, 0, [1, 2, TransportFeedbackWriter.NotReceived], out n));
        o += n;

        var types = new List<(byte, int)>();
        var reader = new RtcpCompoundReader(buf.AsSpan(0, o));
        while (reader.TryNext(out RtcpHeader h, out ReadOnlySpan<byte> packet))
        {
            types.Add((h.PacketType, h.Format));
            bool parsed = (h.PacketType, h.Format) switch
            {
                (RtcpPacketType.ReceiverReport, _) => ReceiverReport.TryRead(packet, out _, out _),
                (RtcpPacketType.SourceDescription, _) => SdesPacket.TryRead(packet, out _, out _),
                (RtcpPacketType.TransportFeedback, RtcpPacketType.FormatNack) => NackPacket.TryRead(packet, out _, out _),
                (RtcpPacketType.TransportFeedback, RtcpPacketType.FormatTransportWideCc) => TransportFeedback.TryRead(packet, out _, out _),
                (RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatPli) => PictureLossIndication.TryRead(packet, out _, out _),
                (RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatApplicationLayer) => RembPacket.TryRead(packet, out _, out _),
                _ => false,
            };
            Assert.True(parsed);
        }
        Assert.Equal(RtcpReadError.None, reader.Error);
        Assert.Equal(
            [(201, 1), (202, 1), (205, 1), (206, 1), (206, 15), (205, 15)],
            types.Select(t => ((int)t.Item1, t.Item2)));
    }

    [Theory]
    [InlineData(new byte[] { }, RtcpReadError.Empty, 0)]
    [InlineData(new byte[] { 0x80, 201, 0 }, RtcpReadError.Truncated, 0)]
    [InlineData(new byte[] { 0x40, 201, 0, 1, 0, 0, 0, 1 }, RtcpReadError.BadVersion, 0)]
    [InlineData(new byte[] { 0x80, 201, 0, 0 }, RtcpReadError.ZeroLength, 0)]
    [InlineData(new byte[] { 0x80, 201, 0, 2, 0, 0, 0, 1 }, RtcpReadError.LengthPastEnd, 0)]
    [InlineData(new byte[] { 0x80, 201, 0, 1, 0, 0, 0, 1, 0x80, 201, 0xFF, 0xFF, 0, 0, 0, 1 }, RtcpReadError.LengthPastEnd, 1)]
    [InlineData(new byte[] { 0xA0, 201, 0, 1, 0, 0, 0, 1, 0x80, 201, 0, 1, 0, 0, 0, 1 }, RtcpReadError.BadPadding, 0)] // padding not last
    [InlineData(new byte[] { 0xA0, 201, 0, 1, 0, 0, 0, 9 }, RtcpReadError.BadPadding, 0)]  // padding count past the packet
    [InlineData(new byte[] { 0x80, 201, 0, 1, 0, 0, 0, 1, 0x00 }, RtcpReadError.Truncated, 1)]
    public void Malformed_compound_stops_with_a_reason(byte[] datagram, RtcpReadError error, int goodPackets)
    {
        var reader = new RtcpCompoundReader(datagram);
        int count = 0;
        while (reader.TryNext(out _, out _))
        {
            count++;
        }
        Assert.Equal(error, reader.Error);
        Assert.Equal(goodPackets, count);
        Assert.False(reader.TryNext(out _, out _)); // stays stopped
    }

    [Fact]
    public void Typed_readers_reject_truncated_input_without_throwing()
    {
        var sr = new SenderReport { Ssrc = 1 };
        sr.Blocks.TryAdd(new ReportBlock(2, 0, 0, 0, 0, 0, 0));
        var buf = new byte[128];
        sr.TryWrite(buf, out int n);
        for (int cut = 0; cut < n; cut++)
        {
            ReadOnlySpan<byte> part = buf.AsSpan(0, cut);
            Assert.False(SenderReport.TryRead(part, out _, out _));
            Assert.False(ReceiverReport.TryRead(part, out _, out _));
            Assert.False(SdesPacket.TryRead(part, out _, out _));
            Assert.False(ByePacket.TryRead(part, out _, out _));
            Assert.False(NackPacket.TryRead(part, out _, out _));
            Assert.False(TransportFeedback.TryRead(part, out _, out _));
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var reader = new RtcpCompoundReader(bytes);
            while (reader.TryNext(out _, out ReadOnlySpan<byte> p))
            {
                SenderReport.TryRead(p, out _, out _);
                ReceiverReport.TryRead(p, out _, out _);
                if (SdesPacket.TryRead(p, out SdesPacket sdes, out _))
                {
                    sdes.TryGetCname(out _, out _);
                }
                ByePacket.TryRead(p, out _, out _);
                if (NackPacket.TryRead(p, out NackPacket nack, out _))
                {
                    foreach (ushort _ in nack.LostSequenceNumbers)
                    {
                    }
                }
                if (TransportFeedback.TryRead(p, out TransportFeedback fb, out _))
                {
                    foreach (TransportFeedbackPacket _ in fb)
                    {
                    }
                }
                RembPacket.TryRead(p, out _, out _);
                FullIntraRequest.TryRead(p, out _, out _);
                PictureLossIndication.TryRead(p, out _, out _);
            }
        }, iter: 2000, threads: 1);
    }
}
