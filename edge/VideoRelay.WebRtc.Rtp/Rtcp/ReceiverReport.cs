using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>RTCP Receiver Report (RFC 3550 §6.4.2).</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|    RC   |   PT=RR=201   |             length            |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                     SSRC of packet sender                     |
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |                 report blocks (RC × 24 bytes)                 |
/// </code>
/// </remarks>
public struct ReceiverReport
{
    public uint Ssrc;
    public ReportBlockList Blocks;

    public readonly int GetSerializedSize() => RtcpHeader.Size + 4 + Blocks.Count * ReportBlock.Size;

    public static bool TryRead(ReadOnlySpan<byte> src, out ReceiverReport report, out int consumed)
    {
        report = default;
        if (!RtcpHeader.TryReadPacket(src, RtcpPacketType.ReceiverReport, out RtcpHeader header, out ReadOnlySpan<byte> body, out consumed)
            || body.Length < 4
            || !ReportBlockList.TryRead(body[4..], header.Count, out report.Blocks))
        {
            consumed = 0;
            return false;
        }
        report.Ssrc = BinaryPrimitives.ReadUInt32BigEndian(body);
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
        RtcpHeader.Write(dst, Blocks.Count, RtcpPacketType.ReceiverReport, size);
        BinaryPrimitives.WriteUInt32BigEndian(dst[4..], Ssrc);
        Blocks.WriteTo(dst[8..]);
        written = size;
        return true;
    }
}
