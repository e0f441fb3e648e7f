using System.Text.Json;
using System.Text.Json.Serialization;
using VideoRelay.Edge;
using VideoRelay.Edge.Whep;
using VideoRelay.Ingest.Rtmp;
using VideoRelay.Ingest.Srt;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Node;

/// <summary>Composes a VideoRelay node: ingest and/or edge, their HTTP endpoints, and logging of what listens where.</summary>
public static class NodeApp
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static WebApplication Build(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var node = builder.Configuration.GetSection("Node").Get<NodeOptions>() ?? new NodeOptions();
        builder.WebHost.UseUrls($"http://{node.HttpAddress}:{node.HttpPort}");
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        NodeServices.Add(builder.Services, builder.Configuration, node);
        ApplyHostTuning(node);

        WebApplication app = builder.Build();
        NodeEndpoints.Map(app, node);
        if (app.Services.GetService<EdgeServer>() is not null)
        {
            app.MapWhep();
        }
        if (app.Services.GetService<FrontDoor>() is not null)
        {
            FrontDoorEndpoints.Map(app);
        }
        if (node.Role != NodeRoles.Origin)
        {
            app.MapPlayer(app.Services.GetRequiredService<EdgeOptions>());
        }
        app.Lifetime.ApplicationStarted.Register(() => LogListeners(app, node));
        return app;
    }

    private static void ApplyHostTuning(NodeOptions node)
    {
        int[] cpus = node.PipelineCpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.TryParse(c, out int v) ? v : throw new InvalidOperationException($"Node:PipelineCpus: '{c}' is not a CPU number"))
            .ToArray();
        VideoRelay.Core.Diagnostics.PipelineThreads.Configure(cpus, node.RealtimePriority);
        if (node.LockMemory)
        {
            var result = VideoRelay.Core.Diagnostics.HostTuning.TryLockMemory();
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Node:LockMemory was asked for but mlockall failed: " + result.Message);
            }
        }
    }

    private static void LogListeners(WebApplication app, NodeOptions node)
    {
        ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VideoRelay.Node");
        foreach (string url in app.Urls)
        {
            log.LogInformation("HTTP (WHEP, player, /api, /metrics) listening on {Url}", url);
        }
        if (app.Services.GetService<RtmpServer>() is { } rtmp)
        {
            log.LogInformation("RTMP ingest on tcp {Endpoint}: publish to rtmp://<host>:{Port}/live/<stream>", rtmp.LocalEndPoint, rtmp.LocalEndPoint.Port);
        }
        if (app.Services.GetService<SrtListener>() is { } srt)
        {
            log.LogInformation("SRT ingest on udp port {Port}: publish to srt://<host>:{Port}?streamid=publish:<stream>", srt.LocalPort, srt.LocalPort);
        }
        if (app.Services.GetService<EdgeServer>() is { } edge)
        {
            log.LogInformation("WebRTC on udp {Endpoint}; watch at http://<host>:{Http}/", edge.UdpEndPoint, node.HttpPort);
        }
        bool canTranscode = NativeLibraryResolver.FindLibrary() is not null;
        log.LogInformation("Transcoding: {State}", canTranscode ? "available (native/ FFmpeg shim)" : "UNAVAILABLE (native/build/libvrnative.so missing: run scripts/setup.sh)");
        if (app.Services.GetService<VideoRelay.Relay.Server.RelayServer>() is { } relay)
        {
            log.LogInformation("Relay server (edges pull streams here) on tcp {Endpoint}", relay.LocalEndPoint);
        }
        if (app.Services.GetService<VideoRelay.Relay.Client.RelayClient>() is { } client)
        {
            log.LogInformation("Pulling streams from the origin at {Origin}", client.OriginEndPoint);
        }
        if (app.Services.GetService<FrontDoor>() is { } door)
        {
            log.LogInformation("Front door spreading viewers over {Count} edge(s): {Edges}", door.Edges.Count, string.Join(", ", door.Edges));
        }
        log.LogInformation("Role: {Role}. Stop with Ctrl+C.", node.Role);
    }
}
