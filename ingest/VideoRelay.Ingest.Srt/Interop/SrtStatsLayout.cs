using System.Buffers.Binary;

namespace VideoRelay.Ingest.Srt.Interop;

/// <summary>
/// Offsets into SRT_TRACEBSTATS (struct CBytePerfMon, libsrt 1.5, x86-64) of the receiver fields read here,
/// printed by <c>offsetof</c> from a C program compiled against /usr/include/srt/srt.h.
/// </summary>
internal static class SrtStatsLayout
{
    public const int Size = 496;
    public const int PktRecvTotal = 16;      // int64
    public const int PktRcvLossTotal = 28;   // int
    public const int PktRcvDropTotal = 68;   // int
    public const int ByteRecvTotal = 88;     // uint64
    public const int PktRcvRetrans = 164;    // int (since the last clear; never cleared here)
    public const int MsRtt = 328;            // double
    public const int MsRcvTsbPdDelay = 392;  // int

    public static long ReadInt64(ReadOnlySpan<byte> stats, int offset) => BinaryPrimitives.ReadInt64LittleEndian(stats[offset..]);

    public static int ReadInt32(ReadOnlySpan<byte> stats, int offset) => BinaryPrimitives.ReadInt32LittleEndian(stats[offset..]);

    public static double ReadDouble(ReadOnlySpan<byte> stats, int offset) => BinaryPrimitives.ReadDoubleLittleEndian(stats[offset..]);
}
