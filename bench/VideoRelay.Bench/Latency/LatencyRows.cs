using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// Gathers the report's rows, in path order: publisher, ingest, transcode per rendition, edge, our viewers,
/// Chromium. Targets are the budget of docs/ARCHITECTURE.md and the issue's goals.
/// </summary>
internal static class LatencyRows
{
    public static List<LatencyRow> Build(NodeProbe node, LiveStream stream, RenditionTap tap, BenchPublisher publisher,
        IReadOnlyList<ViewerProbe> viewers, bool chromium, string protocol)
    {
        // RTMP: the ingest's capture stamp is the kernel receive time of the frame's first byte. SRT: the sender's
        // timestamp (srctime), so "since capture" there includes the SRT latency window (TSBPD) — no target applies.
        bool srt = protocol == "srt";
        string from = srt ? "SRT send" : "ingest receive";
        var rows = new List<LatencyRow>
        {
            LatencyRow.From("publisher.pipe", "publisher: capture → frame written into ffmpeg's pipe", "bench", publisher.PipeWrite),
        };

        HopHistograms ingest = stream.Latency;
        if (ingest.SinceCapture(Hop.IngestKernelRx).Count > 0)
        {
            // RTMP: the kernel's receive stamp of the frame's first byte → the reader has its last byte
            rows.Add(LatencyRow.From("ingest.kernel-to-read", "ingest: kernel receive → read by the reader", "node", ingest.SincePrevious(Hop.IngestRx)));
        }
        rows.Add(LatencyRow.From("ingest.read-to-demuxed", "ingest: read → demuxed (access unit complete)", "node", ingest.SincePrevious(Hop.Demuxed)));
        rows.Add(LatencyRow.From("ingest.receive-to-demuxed", $"ingest: {(srt ? "SRT send" : "receive")} → demuxed", "node", ingest.SinceCapture(Hop.Demuxed), srt ? null : 0.1, srt ? null : 0.5));

        foreach ((string rendition, HopHistograms hops) in tap.Renditions)
        {
            if (hops.SinceCapture(Hop.TranscodeEnd).Count == 0)
            {
                continue;
            }
            rows.Add(LatencyRow.From($"transcode.{rendition}.queue", $"transcode {rendition}: demuxed → decoder takes it", "tap", hops.SincePrevious(Hop.TranscodeStart)));
            rows.Add(LatencyRow.From($"transcode.{rendition}.start-to-end", $"transcode {rendition}: start → end (decode+scale+encode)", "tap", hops.SincePrevious(Hop.TranscodeEnd), 8, 33));
            rows.Add(LatencyRow.From($"transcode.{rendition}.receive-to-end", $"transcode {rendition}: {from} → encoded", "tap", hops.SinceCapture(Hop.TranscodeEnd)));
        }

        foreach ((string name, HopHistograms hops) in node.EdgeFanouts())
        {
            bool mixed = hops.SinceCapture(Hop.TranscodeEnd).Count > 0;
            string scope = mixed ? "all renditions" : "passthrough";
            rows.Add(LatencyRow.From("edge.rx", $"edge: demuxed/encoded → edge receive (in memory) [{scope}]", "node", hops.SincePrevious(Hop.EdgeRx), 0.05, 0.5));
            rows.Add(LatencyRow.From("edge.packetized", "edge: edge receive → packetized (first RTP packet built)", "node", hops.SincePrevious(Hop.Packetized)));
            rows.Add(LatencyRow.From("edge.first-packet", "edge: packetized → first packet sent (SRTP + sendmsg)", "node", hops.SincePrevious(Hop.FirstPacketSent)));
            if (hops.SincePrevious(Hop.KernelTx).Count > 0)
            {
                rows.Add(LatencyRow.From("edge.kernel-tx", "edge: first packet sent → kernel transmit stamp", "node", hops.SincePrevious(Hop.KernelTx)));
            }
            rows.Add(LatencyRow.From(mixed ? "edge.ingest-to-first-packet.mixed" : "edge.ingest-to-first-packet",
                $"{from} → edge first packet out [{scope}]", "node", hops.SinceCapture(Hop.FirstPacketSent), mixed || srt ? null : 1, mixed || srt ? null : 2));
        }

        foreach (var group in viewers.GroupBy(v => v.Rendition))
        {
            bool source = group.Key == "source";
            int n = group.Count();
            rows.Add(LatencyRow.Merge($"viewer.{group.Key}", $"capture → received by our viewer, {group.Key} ({n} viewer{(n == 1 ? "" : "s")})",
                "bench", group.Select(v => v.CaptureToReceived), source ? 10 : 20, source ? 20 : 45));
        }

        if (chromium)
        {
            foreach ((string streamName, string rendition, LatencyHistogram h) in node.ViewerBeacons())
            {
                if (streamName == stream.Name)
                {
                    rows.Add(LatencyRow.From($"chromium.{rendition}", $"capture → presented in Chromium, {rendition} (glass-to-glass)", "chromium", h, 25, 50));
                }
            }
        }
        return rows;
    }
}
