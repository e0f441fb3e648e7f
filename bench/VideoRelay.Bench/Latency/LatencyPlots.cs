using HdrHistogram;
using HdrHistogram.Iteration;
using ScottPlot;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// PNG plots with ScottPlot 5: a percentile spectrum per hop (x = 1/(1−p) on a log scale, so p50, p90, p99,
/// p99.9 are evenly spaced, as HdrHistogram's plotter draws them) and the end-to-end latency over time.
/// </summary>
internal static class LatencyPlots
{
    private const int Width = 1000;
    private const int Height = 560;
    private const double MaxNines = 5; // 99.999 %

    /// <summary>Writes spectrum-{key}.png per row, spectrum-end-to-end.png and over-time.png; returns the files written.</summary>
    public static List<string> Write(IReadOnlyList<LatencyRow> rows, IReadOnlyList<LatencySeries> series, long startUnixNs, string folder)
    {
        var files = new List<string>();
        foreach (LatencyRow row in rows.Where(r => r.Summary.Count > 0))
        {
            string path = Path.Combine(folder, $"spectrum-{row.Key}.png");
            Spectrum(row.Label, [row], path);
            files.Add(path);
        }
        LatencyRow[] endToEnd = rows.Where(r => r.Summary.Count > 0 && (r.Key.StartsWith("viewer.", StringComparison.Ordinal) || r.Source == "chromium")).ToArray();
        if (endToEnd.Length > 0)
        {
            string path = Path.Combine(folder, "spectrum-end-to-end.png");
            Spectrum("capture → viewer (end to end)", endToEnd, path);
            files.Add(path);
        }
        if (series.Count > 0)
        {
            string path = Path.Combine(folder, "over-time.png");
            OverTime(series, startUnixNs, path);
            files.Add(path);
        }
        return files;
    }

    private static void Spectrum(string title, IEnumerable<LatencyRow> rows, string path)
    {
        var plot = new Plot();
        foreach (LatencyRow row in rows)
        {
            var xs = new List<double>();
            var ys = new List<double>();
            foreach (HistogramIterationValue v in row.Histogram.Percentiles(5))
            {
                double p = v.PercentileLevelIteratedTo / 100.0;
                if (p >= 1)
                {
                    break;
                }
                xs.Add(Math.Min(MaxNines, Math.Log10(1 / (1 - p))));
                ys.Add(v.ValueIteratedTo / 1e6);
            }
            if (xs.Count == 0)
            {
                continue;
            }
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray());
            line.LegendText = $"{row.Label} (n={row.Summary.Count})";
            line.LineWidth = 2;
        }
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        string[] labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%"];
        for (int i = 0; i < labels.Length; i++)
        {
            ticks.AddMajor(i, labels[i]);
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(0, MaxNines);
        plot.Axes.Bottom.Label.Text = "percentile (log scale of 1/(1−p))";
        plot.Axes.Left.Label.Text = "latency (ms)";
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, Width, Height);
    }

    private static void OverTime(IReadOnlyList<LatencySeries> series, long startUnixNs, string path)
    {
        var plot = new Plot();
        foreach (LatencySeries s in series)
        {
            var samples = s.Snapshot();
            if (samples.Length == 0)
            {
                continue;
            }
            double[] xs = samples.Select(x => (x.CaptureUnixNs - startUnixNs) / 1e9).ToArray();
            double[] ys = samples.Select(x => x.LatencyNs / 1e6).ToArray();
            var scatter = plot.Add.Scatter(xs, ys);
            scatter.LegendText = s.Name;
            scatter.LineWidth = 0;
            scatter.MarkerSize = 3;
        }
        plot.Axes.Bottom.Label.Text = "capture time (s since the measurement began)";
        plot.Axes.Left.Label.Text = "capture → received (ms)";
        plot.Title("capture → received per frame, per viewer");
        plot.ShowLegend(Alignment.UpperRight);
        plot.SavePng(path, Width, Height);
    }
}
