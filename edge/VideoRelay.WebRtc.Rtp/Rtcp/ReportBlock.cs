using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>A reception report block of an SR or RR (RFC 3550 §6.4.1).</summary>
/// <remarks>
/// <code>
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |                 SSRC_1 (SSRC of first source)                 |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  | fraction lost |       cumulative number of packets lost       |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |           extended highest sequence number received           |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                      interarrival jitter                      |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                         last SR (LSR)                         |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                   delay since last SR (DLSR)                  |
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// </code>
/// Cumulative loss is a signed 24-bit value (duplicates can make it negative); it is clamped on write.
/// </remarks>
public readonly record struct ReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint HighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Size = 24;
    private const int MaxLost = 0x7FFFFF;
    private const int MinLost = -0x800000;

    public static bool TryRead(ReadOnlySpan<byte> src, out ReportBlock block, out int consumed)
    {
        if (src.Length < Size)
        {
            block = default;
            consumed = 0;
            return false;
        }
        int lost = (src[5] << 16) | (src[6] << 8) | src[7];
        lost = (lost << 8) >> 8; // sign-extend 24 bits
        block = new ReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(src),
            src[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(src[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(src[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(src[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(src[20..]));
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> dst, out int written)
    {
        if (dst.Length < Size)
        {
            written = 0;
            return false;
        }
        int lost = Math.Clamp(CumulativeLost, MinLost, MaxLost);
        BinaryPrimitives.WriteUInt32BigEndian(dst, Ssrc);
        dst[4] = FractionLost;
        dst[5] = (byte)(lost >> 16);
        dst[6] = (byte)(lost >> 8);
        dst[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(dst[8..], HighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(dst[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(dst[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(dst[20..], DelaySinceLastSenderReport);
        written = Size;
        return true;
    }
}
