using HdrHistogram;
using VideoRelay.Core.Timing;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// One line of the report: a hop (or an end-to-end path), where its figures come from, its target, and a
/// consistent copy of its histogram (ns) for the table, the .hgrm file and the plots.
/// </summary>
/// <param name="Key">Stable id (file names, the docs table): e.g. "edge.first-packet".</param>
/// <param name="Label">What is measured, as printed.</param>
/// <param name="Source">Whose clock/histogram: "node" (the node's own), "tap" (our reader per rendition), "bench" (publisher/viewers), "chromium".</param>
/// <param name="TargetP50Ms">Budget p50, or null when there is none.</param>
/// <param name="TargetP99Ms">Budget p99, or null.</param>
internal sealed record LatencyRow(string Key, string Label, string Source, HistogramBase Histogram, double? TargetP50Ms = null, double? TargetP99Ms = null)
{
    public LatencySummary Summary { get; } = LatencyHistogram.Summarize(Histogram);

    public static LatencyRow From(string key, string label, string source, LatencyHistogram h, double? p50 = null, double? p99 = null) =>
        new(key, label, source, h.Snapshot(), p50, p99);

    /// <summary>Several histograms merged (e.g. every viewer of a rendition).</summary>
    public static LatencyRow Merge(string key, string label, string source, IEnumerable<LatencyHistogram> parts, double? p50 = null, double? p99 = null)
    {
        HistogramBase merged = new LatencyHistogram().Snapshot();
        foreach (LatencyHistogram part in parts)
        {
            merged.Add(part.Snapshot());
        }
        return new(key, label, source, merged, p50, p99);
    }

    /// <summary>Whether the measured p99 meets the p99 target (null when there is no target or no data).</summary>
    public bool? MeetsP99 => TargetP99Ms is { } t && Summary.Count > 0 ? Summary.P99 / 1e6 <= t : null;
}
