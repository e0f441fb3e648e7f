using System.Text.Json;
using System.Text.Json.Serialization;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Edge;
using VideoRelay.Edge.Whep;
using System.Net;
using VideoRelay.Ingest;
using VideoRelay.Ingest.Rtmp;
using VideoRelay.Transcode;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Node;

/// <summary>Composes a VideoRelay node: ingest and/or edge, their HTTP endpoints, and logging of what listens where.</summary>
public static class NodeApp
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
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
        var ingest = builder.Configuration.GetSection("Ingest").Get<IngestOptions>() ?? new IngestOptions();
        builder.WebHost.UseUrls($"http://{node.HttpAddress}:{node.HttpPort}");
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });

        var edge = builder.Configuration.GetSection("Edge").Get<EdgeOptions>() ?? new EdgeOptions();
        var transcoding = builder.Configuration.GetSection("Transcode").Get<TranscoderOptions>() ?? new TranscoderOptions();

        builder.Services.AddSingleton(node);
        builder.Services.AddSingleton(ingest);
        builder.Services.AddSingleton(edge);
        builder.Services.AddSingleton(transcoding);
        builder.Services.AddSingleton(_ => TieredBufferPool.CreateMediaDefault());
        builder.Services.AddSingleton<IStreamTranscoderFactory, NativeTranscoderFactory>();
        builder.Services.AddSingleton<StreamRegistry>(sp =>
            new StreamRegistry(ingest, sp.GetService<IStreamTranscoderFactory>(), sp.GetRequiredService<ILogger<StreamRegistry>>()));
        builder.Services.AddSingleton<IStreamCatalog>(sp => sp.GetRequiredService<StreamRegistry>());
        bool canTranscode = NativeLibraryResolver.FindLibrary() is not null;
        if (ingest.RtmpPort > 0)
        {
            builder.Services.AddSingleton(sp => new RtmpServer(
                sp.GetRequiredService<StreamRegistry>(),
                sp.GetRequiredService<TieredBufferPool>(),
                new RtmpServerOptions
                {
                    EndPoint = new IPEndPoint(IPAddress.Parse(ingest.ListenAddress), ingest.RtmpPort),
                    RefuseBFrames = !canTranscode, // with the transcoder a B-frame stream is transcoded, never passed through
                },
                sp.GetRequiredService<ILogger<RtmpServer>>()));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RtmpServer>());
        }
        builder.Services.AddSingleton<EdgeServer>();
        builder.Services.AddHostedService<EdgeHostedService>();

        WebApplication app = builder.Build();
        MapApi(app);
        app.MapWhep();
        app.MapPlayer(edge);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VideoRelay.Node");
            foreach (string url in app.Urls)
            {
                log.LogInformation("HTTP (WHEP, player, /api, /metrics) listening on {Url}", url);
            }
            if (app.Services.GetService<RtmpServer>() is { } rtmp)
            {
                log.LogInformation("RTMP ingest listening on {Endpoint}: publish to rtmp://<host>:{Port}/live/<stream>", rtmp.LocalEndPoint, rtmp.LocalEndPoint.Port);
            }
            log.LogInformation("Transcoding: {State}", canTranscode ? "available (native/ FFmpeg shim)" : "UNAVAILABLE (native/build/libvrnative.so missing: run scripts/setup.sh)");
            log.LogInformation("Role: {Role}. Stop with Ctrl+C.", node.Role);
        });
        return app;
    }

    private static void MapApi(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => Results.Text("ready\n"));
        app.MapGet("/api/time", () => Results.Json(new { unixMs = Clock.UnixNowNs() / 1e6 }, Json));
        app.MapGet("/api/streams", (StreamRegistry registry) => Results.Json(registry.List(), Json));
    }
}
