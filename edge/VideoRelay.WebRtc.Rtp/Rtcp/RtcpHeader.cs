using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>The 4-byte header every RTCP packet starts with (RFC 3550 §6.4).</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P| RC/SC/FMT |      PT       |             length            |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  length = packet size in 32-bit words minus one (header included)
/// </code>
/// </remarks>
public readonly record struct RtcpHeader(bool Padding, int Count, byte PacketType, int LengthWords)
{
    public const int Size = 4;
    public const int Version = 2;
    public const int MaxCount = 31;

    /// <summary>Whole packet size in bytes.</summary>
    public int PacketLength => (LengthWords + 1) * 4;

    /// <summary>Feedback message type (the count field of RTPFB/PSFB packets).</summary>
    public int Format => Count;

    /// <summary>Reads the header alone (no check that the packet fits; see <see cref="TryReadPacket"/>).</summary>
    public static bool TryRead(ReadOnlySpan<byte> src, out RtcpHeader header, out int consumed)
    {
        if (src.Length < Size || src[0] >> 6 != Version)
        {
            header = default;
            consumed = 0;
            return false;
        }
        header = new RtcpHeader((src[0] & 0x20) != 0, src[0] & 0x1F, src[1], BinaryPrimitives.ReadUInt16BigEndian(src[2..]));
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> dst, out int written)
    {
        if (dst.Length < Size || (uint)Count > MaxCount || (uint)LengthWords > ushort.MaxValue)
        {
            written = 0;
            return false;
        }
        dst[0] = (byte)((Version << 6) | (Padding ? 0x20 : 0) | Count);
        dst[1] = PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(dst[2..], (ushort)LengthWords);
        written = Size;
        return true;
    }

    /// <summary>
    /// Reads a header of type <paramref name="packetType"/> and checks that the packet it announces fits in
    /// <paramref name="src"/> and that any padding is sane. <paramref name="body"/> is what follows the
    /// 4-byte header, padding removed; <paramref name="consumed"/> is the whole packet length.
    /// </summary>
    internal static bool TryReadPacket(ReadOnlySpan<byte> src, byte packetType, out RtcpHeader header,
        out ReadOnlySpan<byte> body, out int consumed)
    {
        body = default;
        consumed = 0;
        if (!TryRead(src, out header, out _) || header.PacketType != packetType || header.PacketLength > src.Length)
        {
            return false;
        }
        int end = header.PacketLength;
        if (header.Padding)
        {
            int padding = src[end - 1];
            if (padding == 0 || padding > end - Size)
            {
                return false;
            }
            end -= padding;
        }
        body = src[Size..end];
        consumed = header.PacketLength;
        return true;
    }

    /// <summary>Writes a header for a packet of <paramref name="packetLength"/> bytes (a multiple of 4).</summary>
    internal static void Write(Span<byte> dst, int count, byte packetType, int packetLength)
    {
        dst[0] = (byte)((Version << 6) | count);
        dst[1] = packetType;
        BinaryPrimitives.WriteUInt16BigEndian(dst[2..], (ushort)(packetLength / 4 - 1));
    }
}
