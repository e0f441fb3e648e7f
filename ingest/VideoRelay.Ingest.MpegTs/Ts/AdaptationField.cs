namespace VideoRelay.Ingest.MpegTs.Ts;

/// <summary>The adaptation field that may follow a TS packet header (ISO/IEC 13818-1, 2.4.3.4).</summary>
/// <remarks>
/// <code>
/// +--------------------------+ adaptation_field_length (8): bytes that follow (0..183)
/// |D|R|E|P|O|S|T|X|          | discontinuity, random_access, ES_priority, PCR_flag, OPCR_flag,
/// +--------------------------+ splicing_point, transport_private_data, extension
/// | PCR base (33) |res(6)|ext(9)| if P: 6 bytes, 27 MHz = base × 300 + ext
/// | OPCR (48)                | if O
/// | splice_countdown (8)     | if S
/// | private data / extension | if T / X
/// | stuffing bytes (0xFF)…   | the rest
/// +--------------------------+
/// </code>
/// A field longer than its flags need carries stuffing: the muxer had no more payload for this packet.
/// </remarks>
internal readonly struct AdaptationField
{
    /// <summary>Bytes occupied in the packet, including the length byte.</summary>
    public int TotalLength { get; init; }
    public bool Discontinuity { get; init; }
    public bool RandomAccess { get; init; }

    /// <summary>Program clock reference in 27 MHz units, or -1 when absent.</summary>
    public long Pcr { get; init; }

    /// <summary>True when the field ends with stuffing bytes (beyond what its flags need).</summary>
    public bool HasStuffing { get; init; }

    /// <summary>Reads the field at the start of <paramref name="src"/> (the bytes after the 4-byte TS header).</summary>
    public static bool TryRead(ReadOnlySpan<byte> src, out AdaptationField field, out int consumed)
    {
        field = default;
        consumed = 0;
        if (src.IsEmpty)
        {
            return false;
        }
        int length = src[0];
        if (length > TsPacketHeader.PacketSize - TsPacketHeader.HeaderSize - 1 || src.Length < 1 + length)
        {
            return false;
        }
        consumed = 1 + length;
        if (length == 0)
        {
            // A single stuffing byte (the length byte itself).
            field = new AdaptationField { TotalLength = 1, Pcr = -1, HasStuffing = true };
            return true;
        }
        byte flags = src[1];
        int need = 1;
        long pcr = -1;
        if ((flags & 0x10) != 0)
        {
            if (length < need + 6)
            {
                return false;
            }
            ReadOnlySpan<byte> p = src.Slice(1 + need, 6);
            long pcrBase = (long)p[0] << 25 | (long)p[1] << 17 | (long)p[2] << 9 | (long)p[3] << 1 | (long)(p[4] >> 7);
            int pcrExt = (p[4] & 1) << 8 | p[5];
            pcr = pcrBase * 300 + pcrExt;
            need += 6;
        }
        if ((flags & 0x08) != 0)
        {
            need += 6;
        }
        if ((flags & 0x04) != 0)
        {
            need += 1;
        }
        if ((flags & 0x02) != 0 && need < length)
        {
            need += 1 + src[1 + need];
        }
        if ((flags & 0x01) != 0 && need < length)
        {
            need += 1 + src[1 + need];
        }
        if (need > length)
        {
            return false;
        }
        field = new AdaptationField
        {
            TotalLength = consumed,
            Discontinuity = (flags & 0x80) != 0,
            RandomAccess = (flags & 0x40) != 0,
            Pcr = pcr,
            HasStuffing = need < length,
        };
        return true;
    }
}
