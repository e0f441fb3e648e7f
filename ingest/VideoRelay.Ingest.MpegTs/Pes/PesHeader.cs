using System.Buffers.Binary;

namespace VideoRelay.Ingest.MpegTs.Pes;

/// <summary>The header of a PES packet (ISO/IEC 13818-1, 2.4.3.6 and 2.4.3.7).</summary>
/// <remarks>
/// <code>
/// +--------------------------+-----------+-------------------+
/// | packet_start_code_prefix | stream_id | PES_packet_length |   0 = unbounded (video only)
/// |     0x000001 (24)        |    (8)    |       (16)        |
/// +--+---+-+-+-+-+-----+-+-+-+-+-+-+-+-------------------------+
/// |10|SC |P|A|C|O| PDF |E|R|D|A|C|X| PES_header_data_length (8)|  PDF = PTS_DTS_flags: 10 PTS, 11 PTS+DTS
/// +--+---+-+-+-+-+-----+-+-+-+-+-+-+-+-------------------------+
/// | PTS: 0010|0011 [32..30] 1 | [29..15] 1 | [14..0] 1   (5 bytes)
/// | DTS: 0001      [32..30] 1 | [29..15] 1 | [14..0] 1   (5 bytes, if PDF = 11)
/// | other optional fields, stuffing … (up to header_data_length)
/// +-----------------------------------------------------------+
/// </code>
/// </remarks>
internal readonly struct PesHeader
{
    /// <summary>Bytes before the optional fields (start code … PES_header_data_length).</summary>
    public const int FixedSize = 9;

    /// <summary>Longest possible header: 9 + 255.</summary>
    public const int MaxSize = FixedSize + 255;

    public int StreamId { get; init; }

    /// <summary>PES_packet_length (bytes after the length field), 0 = unbounded.</summary>
    public int PacketLength { get; init; }

    /// <summary>Header size in bytes: where the payload starts.</summary>
    public int HeaderLength { get; init; }

    /// <summary>33-bit PTS, or -1.</summary>
    public long Pts { get; init; }

    /// <summary>33-bit DTS, or -1 (then equal to the PTS).</summary>
    public long Dts { get; init; }

    /// <summary>Payload bytes announced by PES_packet_length, or -1 when unbounded.</summary>
    public int PayloadLength => PacketLength == 0 ? -1 : PacketLength + 6 - HeaderLength;

    /// <summary>Total header size once <see cref="FixedSize"/> bytes are known, or -1 if <paramref name="prefix"/> is not a PES start.</summary>
    public static int GetHeaderLength(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < FixedSize || prefix[0] != 0 || prefix[1] != 0 || prefix[2] != 1 || (prefix[6] & 0xC0) != 0x80)
        {
            return -1;
        }
        return FixedSize + prefix[8];
    }

    public static bool TryRead(ReadOnlySpan<byte> src, out PesHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        int length = GetHeaderLength(src);
        if (length < 0 || src.Length < length)
        {
            return false;
        }
        int packetLength = BinaryPrimitives.ReadUInt16BigEndian(src[4..]);
        if (packetLength != 0 && packetLength + 6 < length)
        {
            return false;
        }
        int ptsDts = src[7] >> 6;
        long pts = -1, dts = -1;
        int need = ptsDts switch { 2 => 5, 3 => 10, _ => 0 };
        if (need > src[8])
        {
            return false;
        }
        if (ptsDts >= 2)
        {
            pts = ReadTimestamp(src.Slice(FixedSize, 5));
        }
        if (ptsDts == 3)
        {
            dts = ReadTimestamp(src.Slice(FixedSize + 5, 5));
        }
        header = new PesHeader { StreamId = src[3], PacketLength = packetLength, HeaderLength = length, Pts = pts, Dts = dts };
        consumed = length;
        return true;
    }

    /// <summary>Writes a header with a PTS and optionally a DTS (used by tests and tools).</summary>
    public bool TryWrite(Span<byte> dst, out int written)
    {
        int optional = Pts < 0 ? 0 : Dts < 0 ? 5 : 10;
        int length = FixedSize + optional;
        written = 0;
        if (dst.Length < length)
        {
            return false;
        }
        dst[0] = 0;
        dst[1] = 0;
        dst[2] = 1;
        dst[3] = (byte)StreamId;
        BinaryPrimitives.WriteUInt16BigEndian(dst[4..], (ushort)PacketLength);
        dst[6] = 0x80;
        dst[7] = (byte)(optional == 0 ? 0 : optional == 5 ? 0x80 : 0xC0);
        dst[8] = (byte)optional;
        if (optional >= 5)
        {
            WriteTimestamp(dst.Slice(9, 5), Pts, optional == 5 ? 0x2 : 0x3);
        }
        if (optional == 10)
        {
            WriteTimestamp(dst.Slice(14, 5), Dts, 0x1);
        }
        written = length;
        return true;
    }

    private static long ReadTimestamp(ReadOnlySpan<byte> p) =>
        (long)(p[0] >> 1 & 0x07) << 30 | (long)p[1] << 22 | (long)(p[2] >> 1) << 15 | (long)p[3] << 7 | (long)(p[4] >> 1);

    private static void WriteTimestamp(Span<byte> p, long ts, int prefix)
    {
        p[0] = (byte)(prefix << 4 | (int)(ts >> 29 & 0x0E) | 1);
        p[1] = (byte)(ts >> 22);
        p[2] = (byte)((ts >> 14 & 0xFE) | 1);
        p[3] = (byte)(ts >> 7);
        p[4] = (byte)((ts << 1 & 0xFE) | 1);
    }
}
