using System.Runtime.InteropServices;

namespace VideoRelay.Core.Net;

/// <summary>
/// struct timespec as the kernel writes it on x86_64: tv_sec (64-bit) then tv_nsec (64-bit), 16 bytes.
/// </summary>
internal static class KernelTimespec
{
    public const int Size = 16;
    private const long NsPerSecond = 1_000_000_000;
    private const long MaxSeconds = long.MaxValue / NsPerSecond - 1;

    /// <summary>Converts to Unix nanoseconds; false when the bytes are short or not a valid time.</summary>
    /// <param name="unixNs">0 for an all-zero timespec (the kernel's "no stamp here").</param>
    public static bool TryRead(ReadOnlySpan<byte> source, out long unixNs)
    {
        unixNs = 0;
        if (source.Length < Size)
            return false;
        long seconds = MemoryMarshal.Read<long>(source);
        long nanoseconds = MemoryMarshal.Read<long>(source[8..]);
        if (seconds < 0 || seconds > MaxSeconds || nanoseconds < 0 || nanoseconds >= NsPerSecond)
            return false;
        unixNs = seconds * NsPerSecond + nanoseconds;
        return true;
    }
}
