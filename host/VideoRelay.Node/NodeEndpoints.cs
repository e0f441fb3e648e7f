using System.Text.Json;
using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Edge;
using VideoRelay.Ingest;

namespace VideoRelay.Node;

/// <summary>The node's own HTTP API: health, time, streams, the player beacon, latency and metrics.</summary>
internal static class NodeEndpoints
{
    private const int MaxBeaconBytes = 64 * 1024;
    private const int MaxSamplesPerBeacon = 2000;

    public static void Map(WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (EdgeServer edge, EdgeOptions options) =>
            edge.ViewerCount < options.MaxViewers ? Results.Text("ready\n") : Results.Text("full\n", statusCode: 503));
        app.MapGet("/api/time", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Json(new { unixMs = Clock.UnixNowNs() / 1e6 }, NodeApp.Json);
        });
        app.MapGet("/api/streams", (StreamRegistry registry, HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Json(registry.List(), NodeApp.Json);
        });
        app.MapPost("/api/beacon", Beacon);
        app.MapGet("/api/latency", (StreamRegistry registry, EdgeServer edge, ViewerLatency viewers) =>
            Results.Json(LatencyReport.Build(registry, edge, viewers), NodeApp.Json));
        app.MapGet("/metrics", (HttpContext http, StreamRegistry registry, EdgeServer edge, ViewerLatency viewers, IServiceProvider services) =>
            Results.Text(Metrics.Render(registry, edge, viewers, services), "text/plain; version=0.0.4"));
    }

    private static async Task<IResult> Beacon(HttpContext http, ViewerLatency latency)
    {
        http.Response.Headers.AccessControlAllowOrigin = "*";
        if (http.Request.ContentLength is > MaxBeaconBytes)
        {
            return Results.StatusCode(413);
        }
        BeaconRequest? beacon;
        try
        {
            using var limited = new MemoryStream();
            await http.Request.Body.CopyToAsync(limited, http.RequestAborted);
            if (limited.Length > MaxBeaconBytes)
            {
                return Results.StatusCode(413);
            }
            beacon = JsonSerializer.Deserialize<BeaconRequest>(limited.GetBuffer().AsSpan(0, (int)limited.Length), NodeApp.Json);
        }
        catch (JsonException)
        {
            return Results.BadRequest("malformed beacon\n");
        }
        if (beacon?.Stream is not { Length: > 0 and <= 64 } stream || beacon.Samples is null || beacon.Samples.Count > MaxSamplesPerBeacon)
        {
            return Results.BadRequest("beacon needs a stream and at most 2000 samples\n");
        }
        Interlocked.Increment(ref latency.Beacons);
        LatencyHistogram histogram = latency.For(stream, beacon.Rendition is { Length: > 0 and <= 32 } r ? r : "auto");
        foreach (BeaconSample sample in beacon.Samples)
        {
            double g2g = sample.PresentedUnixMs - sample.CaptureUnixMs;
            if (g2g is < 0 or > 60_000 || double.IsNaN(g2g))
            {
                Interlocked.Increment(ref latency.SamplesRejected);
                continue;
            }
            histogram.Record((long)(g2g * 1_000_000));
        }
        return Results.NoContent();
    }
}
