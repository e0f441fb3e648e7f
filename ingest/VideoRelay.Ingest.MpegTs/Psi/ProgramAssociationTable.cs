using System.Buffers.Binary;

namespace VideoRelay.Ingest.MpegTs.Psi;

/// <summary>The program association table (PID 0, table_id 0); only the first program is used.</summary>
/// <remarks>
/// <code>
/// section header (8 bytes, table_id_extension = transport_stream_id)
/// repeated: | program_number (16) | 111 | PID (13) |   program 0 → network PID, else → PMT PID
/// CRC_32 (32)
/// </code>
/// </remarks>
internal readonly struct ProgramAssociationTable
{
    public const int TableId = 0x00;

    public int Version { get; init; }

    /// <summary>PID of the first program's PMT.</summary>
    public int PmtPid { get; init; }

    public int ProgramNumber { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> section, out ProgramAssociationTable pat, out int consumed)
    {
        pat = default;
        consumed = 0;
        if (!PsiSectionHeader.TryRead(section, out PsiSectionHeader header, out int offset) || header.TableId != TableId)
        {
            return false;
        }
        int end = header.TotalLength - 4;
        for (int i = offset; i + 4 <= end; i += 4)
        {
            int program = BinaryPrimitives.ReadUInt16BigEndian(section[i..]);
            int pid = BinaryPrimitives.ReadUInt16BigEndian(section[(i + 2)..]) & 0x1FFF;
            if (program != 0)
            {
                pat = new ProgramAssociationTable { Version = header.Version, PmtPid = pid, ProgramNumber = program };
                consumed = header.TotalLength;
                return true;
            }
        }
        return false;
    }
}
