namespace VideoRelay.Core.Timing;

/// <summary>A histogram's summary in nanoseconds: the figures every latency report prints.</summary>
public readonly record struct LatencySummary(
    long Count,
    long Min,
    long P50,
    long P90,
    long P99,
    long P999,
    long P9999,
    long Max,
    double Mean,
    double StdDev)
{
    /// <summary>Column headings matching <see cref="ToRow"/>.</summary>
    public const string Header = "count, min, p50, p90, p99, p99.9, p99.99, max, mean, stddev";

    /// <summary>The figures in microseconds, as a table row.</summary>
    public string ToRow() =>
        $"{Count}, {Us(Min)}, {Us(P50)}, {Us(P90)}, {Us(P99)}, {Us(P999)}, {Us(P9999)}, {Us(Max)}, {Mean / 1000:F1}, {StdDev / 1000:F1}";

    private static string Us(long ns) => (ns / 1000.0).ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
}
