using HdrHistogram;

namespace VideoRelay.Core.Timing;

/// <summary>
/// A latency histogram in nanoseconds (HdrHistogram, 3 significant digits, 1 ns … 1 h). Recording
/// allocates nothing; a short lock makes it safe to record on the data path while a scraper reads.
/// Values out of range are clamped and counted, never thrown.
/// </summary>
public sealed class LatencyHistogram
{
    public const long HighestTrackableNs = 3_600_000_000_000;

    private readonly LongHistogram _histogram = new(HighestTrackableNs, 3);
    private readonly Lock _lock = new();
    private long _clamped;

    public LatencyHistogram(string name = "")
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>Values outside [0, 1 h] that were clamped (a sign of a clock problem).</summary>
    public long Clamped => Interlocked.Read(ref _clamped);

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _histogram.TotalCount;
            }
        }
    }

    /// <summary>Records one value in nanoseconds.</summary>
    public void Record(long ns)
    {
        if (ns < 0 || ns > HighestTrackableNs)
        {
            Interlocked.Increment(ref _clamped);
            ns = Math.Clamp(ns, 0, HighestTrackableNs);
        }
        lock (_lock)
        {
            _histogram.RecordValue(ns);
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _histogram.Reset();
        }
    }

    /// <summary>A consistent copy, for reports and .hgrm output.</summary>
    public HistogramBase Snapshot()
    {
        lock (_lock)
        {
            return _histogram.Copy();
        }
    }

    public LatencySummary Summarize()
    {
        lock (_lock)
        {
            return Summarize(_histogram);
        }
    }

    public static LatencySummary Summarize(HistogramBase h)
    {
        if (h.TotalCount == 0)
        {
            return default;
        }
        return new LatencySummary(
            h.TotalCount,
            h.GetValueAtPercentile(0),
            h.GetValueAtPercentile(50),
            h.GetValueAtPercentile(90),
            h.GetValueAtPercentile(99),
            h.GetValueAtPercentile(99.9),
            h.GetValueAtPercentile(99.99),
            h.GetMaxValue(),
            h.GetMean(),
            h.GetStdDeviation());
    }
}
