using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>RTCP Source Description (RFC 3550 §6.5), read as a view over the packet; written as one CNAME chunk.</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|    SC   |  PT=SDES=202  |             length            |
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |                          SSRC/CSRC_1                          |   chunk 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |    CNAME=1    |     length    | user and domain name        ...   items; a null octet ends
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   the list, zero-padded to
///  |                          SSRC/CSRC_2  …                       |   32 bits
/// </code>
/// Reading validates every chunk; the spans point into the source buffer.
/// </remarks>
public readonly ref struct SdesPacket
{
    public const byte ItemEnd = 0;
    public const byte ItemCname = 1;

    /// <summary>Longest item text (8-bit length field).</summary>
    public const int MaxItemLength = 255;

    private readonly ReadOnlySpan<byte> _chunks;

    private SdesPacket(int chunkCount, ReadOnlySpan<byte> chunks)
    {
        ChunkCount = chunkCount;
        _chunks = chunks;
    }

    public int ChunkCount { get; }

    public static bool TryRead(ReadOnlySpan<byte> src, out SdesPacket packet, out int consumed)
    {
        packet = default;
        if (!RtcpHeader.TryReadPacket(src, RtcpPacketType.SourceDescription, out RtcpHeader header, out ReadOnlySpan<byte> body, out consumed))
        {
            return false;
        }
        int o = 0;
        for (int c = 0; c < header.Count; c++)
        {
            if (!TrySkipChunk(body, ref o))
            {
                consumed = 0;
                return false;
            }
        }
        packet = new SdesPacket(header.Count, body);
        return true;
    }

    /// <summary>Finds the first item of <paramref name="itemType"/> in any chunk.</summary>
    public bool TryGetItem(byte itemType, out uint ssrc, out ReadOnlySpan<byte> text)
    {
        int o = 0;
        for (int c = 0; c < ChunkCount; c++)
        {
            ssrc = BinaryPrimitives.ReadUInt32BigEndian(_chunks[o..]);
            int p = o + 4;
            while (_chunks[p] != ItemEnd)
            {
                int length = _chunks[p + 1];
                if (_chunks[p] == itemType)
                {
                    text = _chunks.Slice(p + 2, length);
                    return true;
                }
                p += 2 + length;
            }
            TrySkipChunk(_chunks, ref o);
        }
        ssrc = 0;
        text = default;
        return false;
    }

    /// <summary>The first CNAME of the packet.</summary>
    public bool TryGetCname(out uint ssrc, out ReadOnlySpan<byte> cname) => TryGetItem(ItemCname, out ssrc, out cname);

    /// <summary>Size of an SDES packet with one chunk carrying one CNAME of <paramref name="cnameLength"/> bytes.</summary>
    public static int GetSerializedSize(int cnameLength) => RtcpHeader.Size + 4 + ((2 + cnameLength + 1 + 3) & ~3);

    /// <summary>Writes an SDES packet with one chunk: <paramref name="ssrc"/> and its CNAME (1–255 bytes).</summary>
    public static bool TryWrite(Span<byte> dst, uint ssrc, ReadOnlySpan<byte> cname, out int written)
    {
        int size = GetSerializedSize(cname.Length);
        if (cname.IsEmpty || cname.Length > MaxItemLength || dst.Length < size)
        {
            written = 0;
            return false;
        }
        RtcpHeader.Write(dst, 1, RtcpPacketType.SourceDescription, size);
        BinaryPrimitives.WriteUInt32BigEndian(dst[4..], ssrc);
        dst[8] = ItemCname;
        dst[9] = (byte)cname.Length;
        cname.CopyTo(dst[10..]);
        dst[(10 + cname.Length)..size].Clear(); // null item and padding
        written = size;
        return true;
    }

    /// <summary>Steps over one chunk (SSRC, items, null octet, padding to 32 bits), checking every length.</summary>
    private static bool TrySkipChunk(ReadOnlySpan<byte> body, ref int o)
    {
        if (body.Length - o < 4)
        {
            return false;
        }
        int p = o + 4;
        while (true)
        {
            if (p >= body.Length)
            {
                return false;
            }
            if (body[p] == ItemEnd)
            {
                p++;
                break;
            }
            if (p + 1 >= body.Length || body[p + 1] > body.Length - p - 2)
            {
                return false;
            }
            p += 2 + body[p + 1];
        }
        p = (p + 3) & ~3;
        if (p > body.Length)
        {
            return false;
        }
        o = p;
        return true;
    }
}
