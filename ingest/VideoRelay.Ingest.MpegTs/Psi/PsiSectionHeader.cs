using System.Buffers.Binary;

namespace VideoRelay.Ingest.MpegTs.Psi;

/// <summary>The long-form PSI section header shared by the PAT and the PMT (ISO/IEC 13818-1, 2.4.4).</summary>
/// <remarks>
/// <code>
/// +----------+-+-+--+-------------+---------------+--+-----+-+---------+--------------+
/// | table_id |S|0|11|section_len  | table_id_ext  |11| ver |C| sect_no | last_sect_no |
/// |    8     |1|1|2 |    12       |      16       |2 |  5  |1|    8    |      8       |
/// +----------+-+-+--+-------------+---------------+--+-----+-+---------+--------------+
/// | table body …                                         | CRC_32 (32)                |
/// +------------------------------------------------------+----------------------------+
///  section_length counts the bytes after it, CRC included, and is at most 1021.
/// </code>
/// </remarks>
internal readonly struct PsiSectionHeader
{
    public const int Size = 8;
    public const int MaxSectionLength = 1021;

    public int TableId { get; init; }
    public int SectionLength { get; init; }
    public int TableIdExtension { get; init; }
    public int Version { get; init; }
    public bool CurrentNext { get; init; }

    /// <summary>Whole section size: 3 + section_length.</summary>
    public int TotalLength => 3 + SectionLength;

    /// <summary>Reads the header; the section must be complete and its CRC valid.</summary>
    public static bool TryRead(ReadOnlySpan<byte> section, out PsiSectionHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (section.Length < Size)
        {
            return false;
        }
        int length = BinaryPrimitives.ReadUInt16BigEndian(section[1..]) & 0x0FFF;
        if ((section[1] & 0x80) == 0 || length < 5 + 4 || length > MaxSectionLength || section.Length < 3 + length)
        {
            return false;
        }
        if (Crc32Mpeg2.Compute(section[..(3 + length)]) != 0)
        {
            return false;
        }
        header = new PsiSectionHeader
        {
            TableId = section[0],
            SectionLength = length,
            TableIdExtension = BinaryPrimitives.ReadUInt16BigEndian(section[3..]),
            Version = (section[5] >> 1) & 0x1F,
            CurrentNext = (section[5] & 1) != 0,
        };
        consumed = Size;
        return true;
    }
}
