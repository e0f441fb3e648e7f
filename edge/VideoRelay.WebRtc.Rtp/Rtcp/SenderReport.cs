using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>RTCP Sender Report (RFC 3550 §6.4.1).</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|    RC   |   PT=SR=200   |             length            |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                         SSRC of sender                        |
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |              NTP timestamp, most significant word             |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |             NTP timestamp, least significant word             |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                         RTP timestamp                         |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                     sender's packet count                     |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                      sender's octet count                     |
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |                 report blocks (RC × 24 bytes)                 |
/// </code>
/// Profile-specific extensions after the report blocks are skipped.
/// </remarks>
public struct SenderReport
{
    private const int FixedBody = 24;

    public uint Ssrc;
    public ulong NtpTimestamp;
    public uint RtpTimestamp;
    public uint PacketCount;
    public uint OctetCount;
    public ReportBlockList Blocks;

    public readonly int GetSerializedSize() => RtcpHeader.Size + FixedBody + Blocks.Count * ReportBlock.Size;

    public static bool TryRead(ReadOnlySpan<byte> src, out SenderReport report, out int consumed)
    {
        report = default;
        if (!RtcpHeader.TryReadPacket(src, RtcpPacketType.SenderReport, out RtcpHeader header, out ReadOnlySpan<byte> body, out consumed)
            || body.Length < FixedBody
            || !ReportBlockList.TryRead(body[FixedBody..], header.Count, out report.Blocks))
        {
            consumed = 0;
            return false;
        }
        report.Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        report.NtpTimestamp = BinaryPrimitives.ReadUInt64BigEndian(body[4..]);
        report.RtpTimestamp = BinaryPrimitives.ReadUInt32BigEndian(body[12..]);
        report.PacketCount = BinaryPrimitives.ReadUInt32BigEndian(body[16..]);
        report.OctetCount = BinaryPrimitives.ReadUInt32BigEndian(body[20..]);
        return true;
    }

    public readonly bool TryWrite(Span<byte> dst, out int written)
    {
        int size = GetSerializedSize();
        if (dst.Length < size)
        {
            written = 0;
            return false;
        }
        RtcpHeader.Write(dst, Blocks.Count, RtcpPacketType.SenderReport, size);
        BinaryPrimitives.WriteUInt32BigEndian(dst[4..], Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(dst[8..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(dst[16..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(dst[20..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(dst[24..], OctetCount);
        Blocks.WriteTo(dst[28..]);
        written = size;
        return true;
    }
}
