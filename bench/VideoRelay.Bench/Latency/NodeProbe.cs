using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Edge;
using VideoRelay.Ingest;
using VideoRelay.Node;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// An all-in-one node started in this process on free loopback ports (demo source off), and read access to its
/// own latency histograms: the registry's per-stream ingest hops (public), the edge's per-stream fan-out hops
/// and the player beacons' glass-to-glass (both internal to their assemblies: read by reflection, the same
/// objects /api/latency summarizes; null when the shape changed).
/// </summary>
internal sealed class NodeProbe : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NodeProbe(WebApplication app, int httpPort, int rtmpPort, int srtPort)
    {
        _app = app;
        HttpPort = httpPort;
        RtmpPort = rtmpPort;
        SrtPort = srtPort;
    }

    public int HttpPort { get; }
    public int RtmpPort { get; }
    public int SrtPort { get; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public StreamRegistry Registry => _app.Services.GetRequiredService<StreamRegistry>();
    public EdgeServer Edge => _app.Services.GetRequiredService<EdgeServer>();

    public string PublishUrl(string protocol, string stream) => protocol == "srt"
        ? $"srt://127.0.0.1:{SrtPort}?streamid=publish:{stream}&latency=40000"
        : $"rtmp://127.0.0.1:{RtmpPort}/live/{stream}";

    public Uri WhepUrl(string stream, string? rendition) =>
        new($"{BaseUrl}/whep/{stream}" + (rendition is null ? "" : $"?rendition={Uri.EscapeDataString(rendition)}"));

    public static async Task<NodeProbe> StartAsync()
    {
        int http = FreeTcpPort(), rtmp = FreeTcpPort(), srt = FreeUdpPort(), udp = FreeUdpPort();
        string[] args =
        [
            $"--Node:HttpPort={http}", "--Node:HttpAddress=127.0.0.1", "--Node:DemoSource=false",
            $"--Ingest:RtmpPort={rtmp}", $"--Ingest:SrtPort={srt}", "--Ingest:ListenAddress=127.0.0.1",
            $"--Edge:UdpPort={udp}", "--Edge:BindAddress=127.0.0.1", "--Edge:AnnouncedAddress=127.0.0.1",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        ];
        WebApplication app = NodeApp.Build(args);
        await app.StartAsync().ConfigureAwait(false);
        return new NodeProbe(app, http, rtmp, srt);
    }

    public LiveStream? FindStream(string name) => Registry.Streams.FirstOrDefault(s => s.Name == name && s.IsLive);

    /// <summary>The edge's fan-outs as (name, hops); empty when the internal shape is not what we expect.</summary>
    public IReadOnlyList<(string Name, HopHistograms Hops)> EdgeFanouts()
    {
        var list = new List<(string, HopHistograms)>();
        if (typeof(EdgeServer).GetProperty("Fanouts", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(Edge) is IEnumerable fanouts)
        {
            foreach (object fanout in fanouts)
            {
                Type t = fanout.GetType();
                if (t.GetProperty("Latency")?.GetValue(fanout) is HopHistograms hops && t.GetProperty("Name")?.GetValue(fanout) is string name)
                {
                    list.Add((name, hops));
                }
            }
        }
        return list;
    }

    /// <summary>Glass-to-glass histograms from the player beacons, as ((stream, rendition), histogram).</summary>
    public IReadOnlyList<(string Stream, string Rendition, LatencyHistogram Histogram)> ViewerBeacons()
    {
        var list = new List<(string, string, LatencyHistogram)>();
        Type? type = typeof(NodeApp).Assembly.GetType("VideoRelay.Node.ViewerLatency");
        object? latency = type is null ? null : _app.Services.GetService(type);
        if (latency is not null && type!.GetProperty("All")?.GetValue(latency) is IEnumerable<KeyValuePair<(string Stream, string Rendition), LatencyHistogram>> all)
        {
            foreach (var ((stream, rendition), histogram) in all)
            {
                list.Add((stream, rendition, histogram));
            }
        }
        return list;
    }

    /// <summary>Empties every histogram of a hop set (the end of the warm-up).</summary>
    public static void Reset(HopHistograms hops)
    {
        for (int i = 1; i < TimingRecord.HopCount; i++)
        {
            hops.SinceCapture((Hop)i).Reset();
            hops.SincePrevious((Hop)i).Reset();
        }
    }

    /// <summary>Resets the node's own histograms (ingest and edge) and the beacons'.</summary>
    public void ResetAll()
    {
        foreach (LiveStream stream in Registry.Streams)
        {
            Reset(stream.Latency);
        }
        foreach ((_, HopHistograms hops) in EdgeFanouts())
        {
            Reset(hops);
        }
        foreach ((_, _, LatencyHistogram h) in ViewerBeacons())
        {
            h.Reset();
        }
    }

    private static int FreeTcpPort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static int FreeUdpPort()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
