using System.Globalization;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest;

namespace VideoRelay.Bench.Latency;

/// <summary>One run of <c>bench latency</c>: set up, warm up, measure with a progress line per second, report.</summary>
internal sealed class LatencyRun(LatencyBenchOptions options, TextWriter output)
{
    private readonly List<ViewerProbe> _viewers = [];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        string machine = LatencyBench.DescribeMachine();
        await Say($"# bench latency: {options.Width}x{options.Height}@{LatencyBenchOptions.FramesPerSecond} over {options.Protocol}, " +
            $"{options.Viewers} source viewer(s), transcoded: {options.TranscodedRendition}, chromium: {(options.Chromium ? "yes" : "no")}, " +
            $"{options.WarmupSeconds:0.#} s warm-up + {options.Seconds:0.#} s");
        await Say($"# {machine}");

        await using NodeProbe node = await NodeProbe.StartAsync().ConfigureAwait(false);
        int maxFrames = (int)((options.WarmupSeconds + options.Seconds + 60) * LatencyBenchOptions.FramesPerSecond);
        await using BenchPublisher publisher = BenchPublisher.Start(options.Width, options.Height, LatencyBenchOptions.FramesPerSecond,
            options.Protocol, node.PublishUrl(options.Protocol, LatencyBench.StreamName), maxFrames);
        await Say($"# publisher: ffmpeg {publisher.Arguments}");

        LiveStream stream = await LatencyBench.WaitForStreamAsync(node, publisher, TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
        using var tap = new RenditionTap(stream);
        ChromiumViewer? chromium = null;
        try
        {
            await ConnectViewersAsync(node, stream, publisher.Log, ct).ConfigureAwait(false);
            if (options.Chromium)
            {
                chromium = await ChromiumViewer.OpenAsync($"{node.BaseUrl}/watch/{LatencyBench.StreamName}" +
                    (options.ChromiumRendition.Length > 0 ? $"?rendition={options.ChromiumRendition}" : "")).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), ct).ConfigureAwait(false);
            long measureFrom = LatencyBench.Now;
            node.ResetAll();
            tap.Reset();
            publisher.PipeWrite.Reset();
            foreach (ViewerProbe v in _viewers)
            {
                v.MeasureFrom(measureFrom);
            }
            int sentAtStart = publisher.Log.Count;
            await ProgressAsync(publisher, measureFrom, chromium, ct).ConfigureAwait(false);
            if (chromium is not null)
            {
                await Task.Delay(2500, ct).ConfigureAwait(false); // the player beacons every 2 s: let the last samples in
            }
            int sent = publisher.Log.Count - sentAtStart;

            List<LatencyRow> rows = LatencyRows.Build(node, stream, tap, publisher, _viewers, options.Chromium, options.Protocol);
            await ReportAsync(rows, publisher, machine, sent, measureFrom).ConfigureAwait(false);
            return publisher.Failure is null && _viewers.All(v => v.CaptureToReceived.Count > 0) ? 0 : 1;
        }
        finally
        {
            if (chromium is not null)
            {
                await chromium.DisposeAsync().ConfigureAwait(false);
            }
            foreach (ViewerProbe v in _viewers)
            {
                await v.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task ConnectViewersAsync(NodeProbe node, LiveStream stream, CaptureLog log, CancellationToken ct)
    {
        for (int i = 1; i <= options.Viewers; i++)
        {
            // the first viewer decodes every frame (timecode on every picture); the others keyframes only, mapped by RTP time
            _viewers.Add(await ViewerProbe.ConnectAsync(node.WhepUrl(LatencyBench.StreamName, null), $"source#{i}", "source", log, decodeAll: i == 1, ct)
                .ConfigureAwait(false));
        }
        if (!options.HasTranscodedViewer)
        {
            return;
        }
        string rendition = options.TranscodedRendition;
        DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!stream.Renditions.Any(r => r.Name == rendition) && DateTime.UtcNow < until)
        {
            await Task.Delay(50, ct).ConfigureAwait(false);
        }
        IReadOnlyList<RenditionInfo> renditions = stream.Renditions;
        if (!renditions.Any(r => r.Name == rendition))
        {
            await Say($"# no rendition '{rendition}' (have: {string.Join(", ", renditions.Select(r => r.Name))}; is native/ built?): " +
                "measuring the source only");
            return;
        }
        _viewers.Add(await ViewerProbe.ConnectAsync(node.WhepUrl(LatencyBench.StreamName, rendition), rendition, rendition, log, decodeAll: true, ct)
            .ConfigureAwait(false));
    }

    private async Task ProgressAsync(BenchPublisher publisher, long measureFrom, ChromiumViewer? chromium, CancellationToken ct)
    {
        int seconds = (int)Math.Ceiling(options.Seconds);
        long lastSent = publisher.Log.Count;
        var lastReceived = _viewers.ToDictionary(v => v, v => v.Frames);
        for (int s = 1; s <= seconds; s++)
        {
            long due = measureFrom + (long)(Math.Min(s, options.Seconds) * 1e9);
            long wait = (due - LatencyBench.Now) / 1_000_000;
            if (wait > 0)
            {
                await Task.Delay((int)wait, ct).ConfigureAwait(false);
            }
            if (publisher.Failure is not null || publisher.HasExited)
            {
                throw new LatencyBenchException($"the publisher stopped: {publisher.Failure ?? publisher.Stderr.Trim()}");
            }
            long sent = publisher.Log.Count;
            var parts = new List<string>();
            foreach (var group in _viewers.GroupBy(v => v.Rendition))
            {
                long received = group.Sum(v => v.Frames - lastReceived[v]);
                var interval = new LatencyHistogram();
                foreach (ViewerProbe v in group)
                {
                    var snap = v.Interval.Snapshot();
                    v.Interval.Reset();
                    if (snap.TotalCount > 0)
                    {
                        interval.Record(snap.GetValueAtPercentile(50)); // the per-viewer p50s; summarized below
                    }
                }
                LatencySummary si = interval.Summarize();
                parts.Add($"{group.Key} rx {received} p50 {(si.Count > 0 ? LatencyBench.Ms(si.P50) : "-")} ms");
            }
            foreach (ViewerProbe v in _viewers)
            {
                lastReceived[v] = v.Frames;
            }
            string browser = chromium is null ? "" : $" | chromium {await chromium.StatusAsync().ConfigureAwait(false) ?? "?"}";
            await Say(string.Create(CultureInfo.InvariantCulture,
                $"t={s,3}s sent {sent - lastSent,3} (late {Interlocked.Read(ref publisher.LateFrames)}) | {string.Join(" | ", parts)}{browser}"));
            lastSent = sent;
        }
    }

    private async Task ReportAsync(List<LatencyRow> rows, BenchPublisher publisher, string machine, int sent, long measureFrom)
    {
        await Say("");
        await Say($"# frames sent while measuring: {sent}; late starts (machine busy): {Interlocked.Read(ref publisher.LateFrames)}");
        foreach (ViewerProbe v in _viewers)
        {
            await Say($"# viewer {v.Label}: frames {v.Frames}, timecodes read {v.TimecodesRead}, map mismatches {v.MapMismatches}, " +
                $"unmapped {v.NoCapture}, decode queue drops {v.DecodeDropped}; {v.Counters}");
        }
        await Say("");
        await output.WriteAsync(LatencyTable.Format(rows)).ConfigureAwait(false);
        await Say("");
        foreach (string line in Goals(rows))
        {
            await Say(line);
        }

        string root = LatencyBench.FindCheckoutRoot();
        string outRoot = Path.IsPathRooted(options.OutputFolder) ? options.OutputFolder : Path.Combine(root, options.OutputFolder);
        string folder = Path.Combine(outRoot, $"latency-{options.Protocol}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(folder);
        LatencyTable.WriteHgrm(rows, folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "report.txt"),
            $"{options.CommandLine}\n{machine}\nffmpeg {publisher.Arguments}\n\n{LatencyTable.Format(rows)}\n{string.Join('\n', Goals(rows))}\n").ConfigureAwait(false);
        try
        {
            List<string> plots = LatencyPlots.Write(rows, _viewers.Select(v => v.Series).ToList(), measureFrom, folder);
            await Say($"# wrote {rows.Count(r => r.Summary.Count > 0)} .hgrm files, {plots.Count} PNG plots and report.txt to {folder}");
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            await Say($"# wrote .hgrm files and report.txt to {folder}; PNG plots skipped: ScottPlot/SkiaSharp failed ({e.Message})");
        }

        if (options.UpdateDocs)
        {
            string docs = options.DocsPath ?? Path.Combine(root, "docs", "LATENCY.md");
            string block = LatencyDocs.BuildBlock(rows, options.CommandLine, machine, DateTime.UtcNow);
            await Say(LatencyDocs.TryUpdate(docs, options.DocsBlock, block, out string error) ? $"# updated the measured table in {docs}" : $"# --update-docs: {error}");
        }
    }

    /// <summary>The issue's goals, checked against the rows that measure them.</summary>
    private static IEnumerable<string> Goals(List<LatencyRow> rows)
    {
        foreach (LatencyRow row in rows.Where(r => r.TargetP99Ms is not null && r.Summary.Count > 0))
        {
            string verdict = row.MeetsP99 == true ? "meets" : "MISSES";
            yield return string.Create(CultureInfo.InvariantCulture,
                $"goal: {row.Label}: p99 {row.Summary.P99 / 1e6:F3} ms {verdict} ≤ {row.TargetP99Ms} ms (p50 {row.Summary.P50 / 1e6:F3} ms, target ≤ {row.TargetP50Ms} ms)");
        }
        if (rows.Any(r => r.Key == "edge.ingest-to-first-packet.mixed"))
        {
            yield return "note: the edge's histograms are per stream, so with a transcoded viewer its ingest → first packet mixes " +
                "renditions; run with --rendition none for the passthrough-only figure (goal p99 ≤ 2 ms).";
        }
    }

    private Task Say(string line) => output.WriteLineAsync(line);
}
