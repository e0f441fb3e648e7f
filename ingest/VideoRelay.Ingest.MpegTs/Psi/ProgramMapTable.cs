using System.Buffers.Binary;

namespace VideoRelay.Ingest.MpegTs.Psi;

/// <summary>The program map table (table_id 2): picks the first H.264 and the first AAC ADTS stream.</summary>
/// <remarks>
/// <code>
/// section header (8 bytes, table_id_extension = program_number)
/// | 111 | PCR_PID (13) | 1111 | program_info_length (12) | descriptors …
/// repeated: | stream_type (8) | 111 | elementary_PID (13) | 1111 | ES_info_length (12) | descriptors …
/// CRC_32 (32)
/// </code>
/// stream_type 0x1B = H.264 (AVC), 0x0F = AAC in ADTS; every other type is ignored and counted.
/// </remarks>
internal readonly struct ProgramMapTable
{
    public const int TableId = 0x02;
    public const byte StreamTypeH264 = 0x1B;
    public const byte StreamTypeAdts = 0x0F;

    public int Version { get; init; }
    public int PcrPid { get; init; }

    /// <summary>PID of the first H.264 stream, or -1.</summary>
    public int VideoPid { get; init; }

    /// <summary>PID of the first AAC ADTS stream, or -1.</summary>
    public int AudioPid { get; init; }

    /// <summary>Elementary streams of other types (or second streams of a type), not demuxed.</summary>
    public int IgnoredStreams { get; init; }

    public static bool TryRead(ReadOnlySpan<byte> section, out ProgramMapTable pmt, out int consumed)
    {
        pmt = default;
        consumed = 0;
        if (!PsiSectionHeader.TryRead(section, out PsiSectionHeader header, out int offset) || header.TableId != TableId)
        {
            return false;
        }
        int end = header.TotalLength - 4;
        if (offset + 4 > end)
        {
            return false;
        }
        int pcrPid = BinaryPrimitives.ReadUInt16BigEndian(section[offset..]) & 0x1FFF;
        int infoLength = BinaryPrimitives.ReadUInt16BigEndian(section[(offset + 2)..]) & 0x0FFF;
        int i = offset + 4 + infoLength;
        int video = -1, audio = -1, ignored = 0;
        while (i + 5 <= end)
        {
            byte type = section[i];
            int pid = BinaryPrimitives.ReadUInt16BigEndian(section[(i + 1)..]) & 0x1FFF;
            int esInfo = BinaryPrimitives.ReadUInt16BigEndian(section[(i + 3)..]) & 0x0FFF;
            if (type == StreamTypeH264 && video < 0)
            {
                video = pid;
            }
            else if (type == StreamTypeAdts && audio < 0)
            {
                audio = pid;
            }
            else
            {
                ignored++;
            }
            i += 5 + esInfo;
        }
        if (i > end)
        {
            return false;
        }
        pmt = new ProgramMapTable { Version = header.Version, PcrPid = pcrPid, VideoPid = video, AudioPid = audio, IgnoredStreams = ignored };
        consumed = header.TotalLength;
        return true;
    }
}
