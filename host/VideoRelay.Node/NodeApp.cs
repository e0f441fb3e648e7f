using System.Text.Json;
using System.Text.Json.Serialization;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest;

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

        builder.Services.AddSingleton(node);
        builder.Services.AddSingleton(ingest);
        builder.Services.AddSingleton<StreamRegistry>(sp =>
            new StreamRegistry(ingest, sp.GetService<IStreamTranscoderFactory>(), sp.GetRequiredService<ILogger<StreamRegistry>>()));

        WebApplication app = builder.Build();
        MapApi(app);

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("VideoRelay.Node");
            foreach (string url in app.Urls)
            {
                log.LogInformation("HTTP (WHEP, player, /api, /metrics) listening on {Url}", url);
            }
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
