using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Edge;
using VideoRelay.Ingest;

namespace VideoRelay.Node;

/// <summary>/api/latency: per stream, each hop's time since capture (and since the previous hop), in milliseconds.</summary>
internal static class LatencyReport
{
    public sealed record Row(string Stream, string Scope, string Hop, string Measure, long Count, double MinMs, double P50Ms, double P90Ms,
        double P99Ms, double P999Ms, double P9999Ms, double MaxMs, double MeanMs, double StdDevMs);

    public static IReadOnlyList<Row> Build(IServiceProvider services)
    {
        var rows = new List<Row>();
        if (services.GetService<StreamRegistry>() is { } registry)
        {
            foreach (LiveStream stream in registry.Streams)
            {
                AddHops(rows, stream.Name, "ingest", stream.Latency);
            }
        }
        if (services.GetService<EdgeServer>() is { } edge)
        {
            foreach (var fanout in edge.Fanouts)
            {
                AddHops(rows, fanout.Name, "edge", fanout.Latency);
                foreach ((string rendition, var hops) in fanout.RenditionLatency)
                {
                    AddHops(rows, fanout.Name, "edge/" + rendition, hops);
                }
            }
        }
        if (services.GetService<VideoRelay.Relay.Client.RelayClient>() is { } relay)
        {
            Add(rows, "*", "relay", "EdgeRx", "since relay send", relay.Counters.RelayLag);
        }
        foreach (var ((stream, rendition), histogram) in services.GetRequiredService<ViewerLatency>().All)
        {
            Add(rows, stream, $"viewer/{rendition}", nameof(Hop.Presented), "since capture", histogram);
        }
        return rows;
    }

    private static void AddHops(List<Row> rows, string stream, string scope, HopHistograms hops)
    {
        for (int i = 1; i < TimingRecord.HopCount; i++)
        {
            var hop = (Hop)i;
            Add(rows, stream, scope, hop.ToString(), "since capture", hops.SinceCapture(hop));
            Add(rows, stream, scope, hop.ToString(), "since previous hop", hops.SincePrevious(hop));
        }
    }

    private static void Add(List<Row> rows, string stream, string scope, string hop, string measure, LatencyHistogram h)
    {
        LatencySummary s = h.Summarize();
        if (s.Count == 0)
        {
            return;
        }
        rows.Add(new Row(stream, scope, hop, measure, s.Count, Ms(s.Min), Ms(s.P50), Ms(s.P90), Ms(s.P99), Ms(s.P999), Ms(s.P9999), Ms(s.Max), s.Mean / 1e6, s.StdDev / 1e6));
    }

    private static double Ms(long ns) => ns / 1e6;
}
