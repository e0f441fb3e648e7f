using System.Runtime.CompilerServices;

namespace VideoRelay.Core.Media;

/// <summary>
/// A frame's own timing: capture time and one stamp per <see cref="Hop"/>, Unix nanoseconds, 0 = not stamped.
/// A plain value type (inline array): it travels with the frame by copy, and stamping allocates nothing.
/// </summary>
public struct TimingRecord
{
    public const int HopCount = (int)Hop.Presented + 1;

    private HopStamps _stamps;

    /// <summary>Capture time, Unix ns (same as the <see cref="Hop.Capture"/> stamp).</summary>
    public long CaptureUnixNs
    {
        readonly get => _stamps[(int)Hop.Capture];
        set => _stamps[(int)Hop.Capture] = value;
    }

    public readonly long this[Hop hop] => _stamps[(int)hop];

    /// <summary>Sets a hop's stamp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Stamp(Hop hop, long unixNs) => _stamps[(int)hop] = unixNs;

    /// <summary>Stamps a hop with the current time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void StampNow(Hop hop) => _stamps[(int)hop] = Timing.Clock.UnixNowNs();

    public readonly bool Has(Hop hop) => _stamps[(int)hop] != 0;

    /// <summary>Nanoseconds from <paramref name="from"/> to <paramref name="to"/>, or -1 if either is missing.</summary>
    public readonly long Between(Hop from, Hop to)
    {
        long a = _stamps[(int)from], b = _stamps[(int)to];
        return a == 0 || b == 0 ? -1 : b - a;
    }

    [InlineArray(HopCount)]
    private struct HopStamps
    {
        private long _element;
    }
}
