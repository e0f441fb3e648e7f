using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Edge;
using VideoRelay.Ingest;
using VideoRelay.Ingest.Rtmp;
using VideoRelay.Ingest.Srt;
using VideoRelay.Relay.Client;
using VideoRelay.Relay.Server;

namespace VideoRelay.Node;

/// <summary>/metrics: what an operator graphs and alerts on, in Prometheus text format.</summary>
internal static class Metrics
{
    public static string Render(IServiceProvider services)
    {
        var w = new PrometheusWriter();
        if (services.GetService<IStreamCatalog>() is { } catalog)
        {
            AddStreams(w, catalog.List());
        }
        if (services.GetService<StreamRegistry>() is { } registry)
        {
            AddIngest(w, registry, services);
        }
        if (services.GetService<EdgeServer>() is { } edge)
        {
            AddEdge(w, edge);
        }
        if (services.GetService<RelayClient>() is { } client)
        {
            RelayClientCounters c = client.Counters;
            w.Gauge("videorelay_relay_connected", "Whether this edge is connected to its origin", client.IsConnected ? 1 : 0);
            w.Counter("videorelay_relay_reconnects_total", "Reconnects to the origin", c.Reconnects);
            w.Counter("videorelay_relay_frames_in_total", "Frames received from the origin", c.FramesIn);
            w.Counter("videorelay_relay_bytes_in_total", "Bytes received from the origin", c.BytesIn);
            w.Counter("videorelay_relay_frames_dropped_total", "Frames dropped on the edge side of the relay", c.FramesDropped);
            w.Summary("videorelay_relay_lag_seconds", "Origin relay send → edge receive", c.RelayLag);
        }
        if (services.GetService<RelayServer>() is { } server)
        {
            RelayServerCounters c = server.Counters;
            w.Gauge("videorelay_relay_server_connections", "Edges connected to this relay server", server.ConnectionCount);
            w.Counter("videorelay_relay_server_auth_failures_total", "Relay connections refused (wrong secret)", c.AuthFailures);
            w.Counter("videorelay_relay_server_frames_sent_total", "Frames sent to edges", c.FramesSent);
            w.Counter("videorelay_relay_server_frames_dropped_total", "Frames dropped for slow edges", c.FramesDropped);
        }
        foreach (var ((stream, rendition), histogram) in services.GetRequiredService<ViewerLatency>().All)
        {
            w.Summary("videorelay_glass_to_glass_seconds", "Capture to presentation in the player (player beacons)", histogram, ("stream", stream), ("rendition", rendition));
        }
        w.Counter("videorelay_beacons_total", "Player beacons received", services.GetRequiredService<ViewerLatency>().Beacons);
        if (services.GetService<TieredBufferPool>() is { } pool)
        {
            foreach (PinnedBufferPool tier in pool.Tiers)
            {
                w.Gauge("videorelay_buffer_pool_outstanding", "Pooled buffers rented now", tier.Outstanding, ("pool", tier.Name));
                w.Counter("videorelay_buffer_pool_misses_total", "Rents refused because the pool was empty", tier.Misses, ("pool", tier.Name));
            }
        }
        for (int gen = 0; gen <= GC.MaxGeneration; gen++)
        {
            w.Counter("dotnet_gc_collections_total", "GC collections by generation", GC.CollectionCount(gen), ("generation", gen.ToString()));
        }
        w.Counter("dotnet_gc_pause_seconds_total", "Total time the GC paused the process", GC.GetTotalPauseDuration().TotalSeconds);
        w.Gauge("dotnet_gc_heap_bytes", "GC heap size", GC.GetGCMemoryInfo().HeapSizeBytes);
        return w.ToString();
    }

    private static void AddStreams(PrometheusWriter w, IReadOnlyList<StreamInfo> streams)
    {
        w.Gauge("videorelay_streams", "Streams known to this node (live or lingering)", streams.Count);
        w.Gauge("videorelay_streams_live", "Streams with a publisher now", streams.Count(s => s.Live));
        foreach (StreamInfo s in streams)
        {
            foreach (RenditionStats r in s.Renditions)
            {
                (string, string)[] labels = [("stream", s.Name), ("rendition", r.Name)];
                w.Gauge("videorelay_rendition_fps", "Frames per second of a rendition", r.Fps, labels);
                w.Gauge("videorelay_rendition_bitrate_kbps", "Bitrate of a rendition", r.BitrateKbps, labels);
                w.Counter("videorelay_rendition_dropped_frames_total", "Frames a rendition's encoder dropped (fell behind)", r.DroppedFrames, labels);
                w.Gauge("videorelay_rendition_viewers", "Readers attached to a rendition", r.Viewers, labels);
            }
        }
    }

    private static void AddIngest(PrometheusWriter w, StreamRegistry registry, IServiceProvider services)
    {
        foreach (LiveStream stream in registry.Streams)
        {
            AddHops(w, stream.Name, "ingest", stream.Latency);
        }
        w.Counter("videorelay_publish_refused_total", "Publishes refused", registry.RefusedBadKey, ("reason", "bad_key"));
        w.Counter("videorelay_publish_refused_total", "Publishes refused", registry.RefusedBusy, ("reason", "busy"));
        w.Counter("videorelay_publish_refused_total", "Publishes refused", registry.RefusedOther, ("reason", "other"));
        AddIngestSockets(w, services);
    }

    private static void AddEdge(PrometheusWriter w, EdgeServer edge)
    {
        w.Gauge("videorelay_viewers", "WebRTC viewer sessions on this edge", edge.ViewerCount);
        w.Gauge("videorelay_socket_timestamp_source", "Kernel timestamp source per socket kind (1 = in use)", 1,
            ("socket", "edge_udp_rx"), ("source", edge.Timestamping.Rx.ToString()));
        w.Gauge("videorelay_socket_timestamp_source", "Kernel timestamp source per socket kind (1 = in use)", 1,
            ("socket", "edge_udp_tx"), ("source", edge.Timestamping.Tx.ToString()));
        w.Counter("videorelay_edge_tx_timestamps_matched_total", "Kernel TX stamps matched to a frame's first packet", edge.TxStampsMatched);
        foreach (var fanout in edge.Fanouts)
        {
            foreach ((string rendition, var hops) in fanout.RenditionLatency)
            {
                AddHops(w, fanout.Name, "edge/" + rendition, hops);
            }
            w.Counter("videorelay_edge_frames_dropped_total", "Frames the edge could not packetize (pool empty, malformed)", fanout.FramesDropped, ("stream", fanout.Name));
            w.Counter("videorelay_edge_packets_sent_total", "RTP packets sent to viewers", fanout.PacketsSent, ("stream", fanout.Name));
        }
        EdgeCounters c = edge.Counters;
        foreach (var field in typeof(EdgeCounters).GetFields())
        {
            w.Counter("videorelay_edge_" + Snake(field.Name) + "_total", "Edge UDP/session counter " + field.Name, (long)field.GetValue(c)!);
        }
        w.Counter("videorelay_edge_udp_received_total", "Datagrams received on the edge port", edge.UdpReceived);
        w.Counter("videorelay_edge_udp_sent_total", "Datagrams sent from the edge port", edge.UdpSent);
        w.Counter("videorelay_edge_bytes_sent_total", "Bytes sent from the edge port (rate = bitrate out)", edge.UdpBytesSent);
        w.Counter("videorelay_edge_packet_pool_misses_total", "RTP packet buffers refused (pool empty)", edge.PacketPoolMisses);
        w.Counter("videorelay_dtls_handshakes_total", "DTLS handshakes", edge.DtlsCounters.HandshakesSucceeded, ("result", "ok"));
        w.Counter("videorelay_dtls_handshakes_total", "DTLS handshakes", edge.DtlsCounters.HandshakesFailed, ("result", "failed"));
        w.Counter("videorelay_dtls_handshakes_total", "DTLS handshakes", edge.DtlsCounters.HandshakesTimedOut, ("result", "timeout"));
    }

    private static void AddIngestSockets(PrometheusWriter w, IServiceProvider services)
    {
        if (services.GetService<RtmpServer>() is { } rtmp)
        {
            w.Gauge("videorelay_rtmp_connections", "Open RTMP connections", rtmp.Counters.ConnectionsActive);
            w.Gauge("videorelay_socket_timestamp_source", "Kernel timestamp source per socket kind (1 = in use)", 1,
                ("socket", "rtmp_rx"), ("source", rtmp.Counters.RxTimestampSource.ToString()));
            w.Counter("videorelay_rtmp_bytes_in_total", "Bytes received over RTMP", rtmp.Counters.BytesIn);
            foreach (RtmpCloseReason reason in Enum.GetValues<RtmpCloseReason>())
            {
                w.Counter("videorelay_rtmp_closed_total", "RTMP connections closed, by reason", rtmp.Counters.Closed(reason), ("reason", reason.ToString()));
            }
        }
        if (services.GetService<SrtListener>() is { } srt)
        {
            w.Gauge("videorelay_srt_connections", "Open SRT connections", srt.Counters.ActiveConnections);
            w.Counter("videorelay_srt_bytes_in_total", "Bytes received over SRT", srt.Counters.Bytes);
            w.Counter("videorelay_srt_packets_lost_total", "SRT packets lost (libsrt)", srt.Counters.PacketsLost);
            w.Counter("videorelay_srt_packets_retransmitted_total", "SRT packets retransmitted (libsrt)", srt.Counters.PacketsRetransmitted);
            foreach ((int code, long count) in srt.Counters.Rejected)
            {
                w.Counter("videorelay_srt_rejected_total", "SRT publishers rejected, by reject reason", count, ("reason", code.ToString()));
            }
        }
    }

    private static void AddHops(PrometheusWriter w, string stream, string scope, Core.Timing.HopHistograms hops)
    {
        for (int i = 1; i < TimingRecord.HopCount; i++)
        {
            var hop = (Hop)i;
            var since = hops.SinceCapture(hop);
            if (since.Count > 0)
            {
                w.Summary("videorelay_latency_since_capture_seconds", "Time from capture to this hop", since, ("stream", stream), ("scope", scope), ("hop", hop.ToString()));
            }
            var step = hops.SincePrevious(hop);
            if (step.Count > 0)
            {
                w.Summary("videorelay_hop_latency_seconds", "Time from the previous stamped hop to this hop", step, ("stream", stream), ("scope", scope), ("hop", hop.ToString()));
            }
        }
    }

    private static string Snake(string pascal) =>
        string.Concat(pascal.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
