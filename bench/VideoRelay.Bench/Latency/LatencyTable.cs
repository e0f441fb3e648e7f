using System.Globalization;
using HdrHistogram;
using System.Text;
using VideoRelay.Core.Timing;

namespace VideoRelay.Bench.Latency;

/// <summary>The printed report: one row per hop with count, min, p50, p90, p99, p99.9, p99.99, max, mean, stddev in ms.</summary>
internal static class LatencyTable
{
    public const int LabelWidth = 64;

    public static string Header =>
        $"{"hop",-LabelWidth} {"count",7} {"min",8} {"p50",8} {"p90",8} {"p99",8} {"p99.9",8} {"p99.99",8} {"max",8} {"mean",8} {"stddev",8}  (ms)";

    public static string Format(IEnumerable<LatencyRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Header);
        sb.AppendLine(new string('-', Header.Length));
        foreach (LatencyRow row in rows)
        {
            sb.AppendLine(FormatRow(row));
        }
        return sb.ToString();
    }

    public static string FormatRow(LatencyRow row)
    {
        LatencySummary s = row.Summary;
        string label = row.Label.Length > LabelWidth ? row.Label[..LabelWidth] : row.Label;
        return string.Create(CultureInfo.InvariantCulture,
            $"{label,-LabelWidth} {s.Count,7} {Ms(s.Min),8} {Ms(s.P50),8} {Ms(s.P90),8} {Ms(s.P99),8} {Ms(s.P999),8} {Ms(s.P9999),8} {Ms(s.Max),8} {Ms(s.Mean),8} {Ms(s.StdDev),8}");
    }

    /// <summary>Milliseconds with three decimals (µs resolution).</summary>
    public static string Ms(double ns) => (ns / 1e6).ToString("F3", CultureInfo.InvariantCulture);

    /// <summary>Writes each row's percentile distribution (HdrHistogram's .hgrm text, values in ms).</summary>
    public static void WriteHgrm(IEnumerable<LatencyRow> rows, string folder)
    {
        foreach (LatencyRow row in rows)
        {
            if (row.Summary.Count == 0)
            {
                continue;
            }
            using var writer = new StreamWriter(Path.Combine(folder, row.Key + ".hgrm"));
            row.Histogram.OutputPercentileDistribution(writer, percentileTicksPerHalfDistance: 5, outputValueUnitScalingRatio: 1_000_000.0);
        }
    }
}
