namespace VideoRelay.WebRtc.Rtp.Tests;

public sealed class RtpHeaderTests
{
    [Fact]
    public void Reads_a_minimal_packet()
    {
        byte[] packet = [0x80, 0xE0, 0x12, 0x34, 0x00, 0x01, 0x5F, 0x90, 0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02, 0x03];

        Assert.True(RtpHeader.TryRead(packet, out RtpHeader h, out int consumed));

        Assert.Equal(12, consumed);
        Assert.True(h.Marker);
        Assert.Equal(96, h.PayloadType);
        Assert.Equal(0x1234, h.SequenceNumber);
        Assert.Equal(90_000u, h.Timestamp);
        Assert.Equal(0xDEADBEEFu, h.Ssrc);
        Assert.Equal(0, h.CsrcCount);
        Assert.False(h.HasExtension);
        Assert.Equal(3, h.PayloadLength);
        Assert.Equal(new byte[] { 1, 2, 3 }, h.GetPayload(packet).ToArray());
    }

    [Fact]
    public void One_byte_extension_block_has_the_rfc8285_layout()
    {
        var h = new RtpHeader { PayloadType = 96, SequenceNumber = 1, Timestamp = 2, Ssrc = 3 };
        Assert.True(h.Extensions.TryAddTransportSequenceNumber(1, 0x1234));
        var buf = new byte[64];

        Assert.True(h.TryWrite(buf, out int n));

        Assert.Equal(20, n);
        Assert.Equal(0x90, buf[0]); // V=2, X=1
        Assert.Equal(new byte[] { 0xBE, 0xDE, 0x00, 0x01, 0x11, 0x12, 0x34, 0x00 }, buf[12..20]);
    }

    [Fact]
    public void Two_byte_form_is_used_for_ids_above_14()
    {
        var h = new RtpHeader { PayloadType = 96 };
        Assert.True(h.Extensions.TryAdd(20, [0xAA, 0xBB]));
        var buf = new byte[64];

        Assert.True(h.TryWrite(buf, out int n));

        Assert.Equal(new byte[] { 0x10, 0x00, 0x00, 0x01, 20, 2, 0xAA, 0xBB }, buf[12..n]);
        Assert.True(RtpHeader.TryRead(buf.AsSpan(0, n), out RtpHeader read, out _));
        var ids = new List<(int Id, byte[] Data)>();
        foreach (RtpExtension e in read.GetExtensions(buf.AsSpan(0, n)))
        {
            ids.Add((e.Id, e.Data.ToArray()));
        }
        Assert.Single(ids);
        Assert.Equal(20, ids[0].Id);
        Assert.Equal(new byte[] { 0xAA, 0xBB }, ids[0].Data);
    }

    [Fact]
    public void Header_with_csrcs_extensions_and_padding_roundtrips()
    {
        var h = new RtpHeader { Marker = true, PayloadType = 111, SequenceNumber = 65535, Timestamp = uint.MaxValue, Ssrc = 0x01020304 };
        Assert.True(h.TryAddCsrc(0xA));
        Assert.True(h.TryAddCsrc(0xB));
        Assert.True(h.Extensions.TryAddAbsSendTime(2, 0xABCDEF));
        Assert.True(h.Extensions.TryAddTransportSequenceNumber(3, 777));
        Assert.True(h.Extensions.TryAddMid(4, "video0"));
        Assert.True(h.Extensions.TryAddPlayoutDelay(5));
        byte[] payload = [9, 8, 7, 6, 5];
        var buf = new byte[200];

        Assert.True(RtpPacket.TryWrite(h, payload, 7, buf, out int n));
        Assert.Equal(RtpPacket.GetSerializedSize(h, payload.Length, 7), n);
        Assert.True(RtpHeader.TryRead(buf.AsSpan(0, n), out RtpHeader r, out int consumed));

        Assert.Equal(h.GetSerializedSize(), consumed);
        Assert.Equal((h.Marker, h.PayloadType, h.SequenceNumber, h.Timestamp, h.Ssrc), (r.Marker, r.PayloadType, r.SequenceNumber, r.Timestamp, r.Ssrc));
        Assert.Equal(new uint[] { 0xA, 0xB }, r.Csrcs.ToArray());
        Assert.Equal(7, r.PaddingLength);
        Assert.Equal(payload, r.GetPayload(buf.AsSpan(0, n)).ToArray());
        Assert.Equal(RtpExtensionProfile.OneByte, r.ExtensionProfile);

        var found = new Dictionary<int, byte[]>();
        RtpExtensionReader reader = r.GetExtensions(buf.AsSpan(0, n));
        foreach (RtpExtension e in reader)
        {
            found[e.Id] = e.Data.ToArray();
        }
        Assert.Equal(new byte[] { 0xAB, 0xCD, 0xEF }, found[2]);
        Assert.True(RtpExtensionValues.TryReadTransportSequenceNumber(found[3], out ushort twcc));
        Assert.Equal(777, twcc);
        Assert.Equal("video0"u8.ToArray(), found[4]);
        Assert.Equal(new byte[] { 0, 0, 0 }, found[5]);

        // Copy the elements into a fresh header and write again: same bytes.
        var again = new RtpHeader { Marker = r.Marker, PayloadType = r.PayloadType, SequenceNumber = r.SequenceNumber, Timestamp = r.Timestamp, Ssrc = r.Ssrc };
        foreach (uint c in r.Csrcs)
        {
            again.TryAddCsrc(c);
        }
        foreach (RtpExtension e in r.GetExtensions(buf.AsSpan(0, n)))
        {
            Assert.True(again.Extensions.TryAdd(e.Id, e.Data));
        }
        var buf2 = new byte[200];
        Assert.True(RtpPacket.TryWrite(again, r.GetPayload(buf.AsSpan(0, n)), r.PaddingLength, buf2, out int n2));
        Assert.Equal(buf[..n], buf2[..n2]);
    }

    [Fact]
    public void Extension_values_encode_as_specified()
    {
        var b = new byte[3];
        Assert.True(RtpExtensionValues.TryWritePlayoutDelay(b, 10, 20));
        Assert.Equal(new byte[] { 0x00, 0xA0, 0x14 }, b);
        Assert.True(RtpExtensionValues.TryReadPlayoutDelay(b, out int min, out int max));
        Assert.Equal((10, 20), (min, max));
        Assert.False(RtpExtensionValues.TryWritePlayoutDelay(b, 4096, 0));

        Assert.Equal(0x60000u, RtpExtensionValues.AbsSendTimeFromUnixNs(1_500_000_000)); // 1.5 s in 6.18
        Assert.Equal(0x60000u, RtpExtensionValues.AbsSendTimeFromUnixNs(65_500_000_000)); // modulo 64 s
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0 })]                         // 11 bytes
    [InlineData(new byte[] { 0x40, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]                      // version 1
    [InlineData(new byte[] { 0x81, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1 })]                      // CSRC past end
    [InlineData(new byte[] { 0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE, 0, 2, 0x10, 0, 0, 0 })] // extension length past end
    [InlineData(new byte[] { 0x90, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xBE, 0xDE })]          // extension header truncated
    [InlineData(new byte[] { 0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xAA, 0x05 })]          // padding count past payload
    [InlineData(new byte[] { 0xA0, 0x60, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0xAA, 0x00 })]          // padding count zero
    public void Malformed_packets_are_rejected(byte[] packet)
    {
        Assert.False(RtpHeader.TryRead(packet, out _, out _));
    }

    [Fact]
    public void Malformed_extension_element_stops_iteration()
    {
        byte[] block = [0x12, 0xAA]; // id 1, 3 bytes announced, 1 present
        var reader = new RtpExtensionReader(RtpExtensionProfile.OneByte, block);
        Assert.False(reader.MoveNext());
        Assert.True(reader.IsMalformed);
    }

    [Fact]
    public void One_byte_id_15_stops_parsing_and_padding_is_skipped()
    {
        byte[] block = [0x00, 0x10, 0x07, 0xF0, 0x20, 0x01];
        var ids = new List<int>();
        foreach (RtpExtension e in new RtpExtensionReader(RtpExtensionProfile.OneByte, block))
        {
            ids.Add(e.Id);
        }
        Assert.Equal([1], ids);
    }

    [Fact]
    public void Rewrites_fields_in_place()
    {
        var h = new RtpHeader { Marker = false, PayloadType = 96, SequenceNumber = 1, Timestamp = 2, Ssrc = 3 };
        h.Extensions.TryAddTransportSequenceNumber(3, 0);
        h.Extensions.TryAddAbsSendTime(2, 0);
        byte[] payload = [1, 2, 3, 4];
        var buf = new byte[100];
        Assert.True(RtpPacket.TryWrite(h, payload, 0, buf, out int n));
        Span<byte> packet = buf.AsSpan(0, n);

        RtpRewriter.SetSsrc(packet, 0xCAFEBABE);
        RtpRewriter.SetSequenceNumber(packet, 4242);
        RtpRewriter.SetTimestamp(packet, 123456789);
        RtpRewriter.SetPayloadType(packet, 102);
        RtpRewriter.SetMarker(packet, true);
        Assert.True(RtpRewriter.TrySetTransportSequenceNumber(packet, 3, 0xBEEF));
        Assert.True(RtpRewriter.TrySetAbsSendTime(packet, 2, 0x123456));
        Assert.False(RtpRewriter.TrySetTransportSequenceNumber(packet, 9, 1));

        Assert.True(RtpHeader.TryRead(packet, out RtpHeader r, out _));
        Assert.Equal((true, (byte)102, (ushort)4242, 123456789u, 0xCAFEBABEu), (r.Marker, r.PayloadType, r.SequenceNumber, r.Timestamp, r.Ssrc));
        Assert.True(RtpExtensionReader.TryFind(r.ExtensionProfile, packet.Slice(r.ExtensionOffset, r.ExtensionLength), 3, out ReadOnlySpan<byte> twcc));
        Assert.Equal(new byte[] { 0xBE, 0xEF }, twcc.ToArray());
        Assert.True(RtpExtensionReader.TryFind(r.ExtensionProfile, packet.Slice(r.ExtensionOffset, r.ExtensionLength), 2, out ReadOnlySpan<byte> abs));
        Assert.Equal(new byte[] { 0x12, 0x34, 0x56 }, abs.ToArray());
        Assert.Equal(payload, r.GetPayload(packet).ToArray());

        Assert.True(RtpRewriter.TryFindExtension(packet, 3, out int offset, out int length));
        Assert.Equal(2, length);
        RtpRewriter.SetTransportSequenceNumberAt(packet, offset, 0x0102);
        Assert.True(RtpHeader.TryRead(packet, out r, out _));
        Assert.True(RtpExtensionReader.TryFind(r.ExtensionProfile, packet.Slice(r.ExtensionOffset, r.ExtensionLength), 3, out twcc));
        Assert.Equal(new byte[] { 0x01, 0x02 }, twcc.ToArray());

        RtpRewriter.SetPayloadType(packet, 96);
        Assert.True(RtpHeader.TryRead(packet, out r, out _));
        Assert.True(r.Marker); // payload type rewrite keeps the marker

        RtpRewriter.Rewrite(packet, 1, 2, 3, 4, false);
        Assert.True(RtpHeader.TryRead(packet, out r, out _));
        Assert.Equal((false, (byte)4, (ushort)2, 3u, 1u), (r.Marker, r.PayloadType, r.SequenceNumber, r.Timestamp, r.Ssrc));
    }

    [Fact]
    public void Extension_set_limits_are_enforced()
    {
        var set = new RtpExtensionSet();
        Assert.False(set.TryAdd(0, [1]));
        Assert.False(set.TryAdd(1, new byte[17]));
        for (int i = 1; i <= RtpExtensionSet.Capacity; i++)
        {
            Assert.True(set.TryAdd(i, [(byte)i]));
        }
        Assert.False(set.TryAdd(9, [9]));
        Assert.Equal(4 + 16, set.GetSerializedSize()); // 8 × (1 + 1) bytes
    }
}
