using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace VideoRelay.Core.Timing;

/// <summary>
/// Time for the data path. <see cref="Ticks"/> is the monotonic high-resolution counter (durations);
/// <see cref="UnixNowNs"/> is wall-clock Unix time in nanoseconds (CLOCK_REALTIME, the clock the
/// kernel's software SO_TIMESTAMPING stamps use), so stamps from user space and from the kernel compare.
/// </summary>
public static class Clock
{
    private static readonly double s_nsPerTick = 1e9 / Stopwatch.Frequency;
    private static long s_anchorTicks;
    private static long s_anchorUnixNs;

    static Clock() => Resync();

    /// <summary>Monotonic ticks (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static long Ticks
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Stopwatch.GetTimestamp();
    }

    public static long Frequency => Stopwatch.Frequency;

    /// <summary>Current Unix time in ns from the realtime clock.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long UnixNowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    /// <summary>Nanoseconds between two tick readings.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long TicksToNs(long ticks) => (long)(ticks * s_nsPerTick);

    /// <summary>Nanoseconds since a tick reading.</summary>
    public static long ElapsedNs(long startTicks) => TicksToNs(Ticks - startTicks);

    /// <summary>Maps a monotonic tick reading to Unix ns using the last anchor.</summary>
    public static long TicksToUnixNs(long ticks) =>
        Volatile.Read(ref s_anchorUnixNs) + TicksToNs(ticks - Volatile.Read(ref s_anchorTicks));

    /// <summary>Maps Unix ns back to monotonic ticks using the last anchor.</summary>
    public static long UnixNsToTicks(long unixNs) =>
        Volatile.Read(ref s_anchorTicks) + (long)((unixNs - Volatile.Read(ref s_anchorUnixNs)) / s_nsPerTick);

    /// <summary>
    /// Re-anchors the tick → Unix mapping: takes the realtime reading bracketed most tightly by two
    /// tick readings out of a few tries (so a preemption between readings does not skew the anchor).
    /// </summary>
    public static void Resync()
    {
        long bestSpan = long.MaxValue, bestTicks = 0, bestUnix = 0;
        for (int i = 0; i < 8; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            long unix = UnixNowNs();
            long t1 = Stopwatch.GetTimestamp();
            if (t1 - t0 < bestSpan)
            {
                bestSpan = t1 - t0;
                bestTicks = t0 + (t1 - t0) / 2;
                bestUnix = unix;
            }
        }
        Volatile.Write(ref s_anchorTicks, bestTicks);
        Volatile.Write(ref s_anchorUnixNs, bestUnix);
    }
}
