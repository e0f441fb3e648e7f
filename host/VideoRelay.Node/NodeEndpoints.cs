using System.Text.Json;
using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Edge;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Client;

namespace VideoRelay.Node;

/// <summary>The node's own HTTP API: health, time, streams, the player beacon, latency and metrics.</summary>
internal static class NodeEndpoints
{
    private const int MaxBeaconBytes = 64 * 1024;
    private const int MaxSamplesPerBeacon = 2000;

    public static void Map(WebApplication app, NodeOptions node)
    {
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (IServiceProvider services) => Ready(services) is { } notReady
            ? Results.Text(notReady + "\n", statusCode: 503)
            : Results.Text("ready\n"));
        app.MapGet("/api/time", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.AccessControlAllowOrigin = "*";
            return Results.Json(new { unixMs = Clock.UnixNowNs() / 1e6 }, NodeApp.Json);
        });
        app.MapGet("/api/streams", async (IServiceProvider services, HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            if (services.GetService<FrontDoor>() is { } door)
            {
                return await FrontDoorEndpoints.ProxyStreamsAsync(door, services.GetRequiredService<FrontDoorOptions>(), http.RequestAborted);
            }
            return Results.Json(services.GetRequiredService<IStreamCatalog>().List(), NodeApp.Json);
        });
        app.MapGet("/api/load", (IServiceProvider services) => services.GetService<EdgeServer>() is { } edge
            ? Results.Json(Load(edge, services), NodeApp.Json)
            : Results.NotFound());
        app.MapPost("/api/beacon", Beacon);
        app.MapGet("/api/latency", (IServiceProvider services) => Results.Json(LatencyReport.Build(services), NodeApp.Json));
        app.MapGet("/metrics", (IServiceProvider services) => Results.Text(Metrics.Render(services), "text/plain; version=0.0.4"));
    }

    /// <summary>Null when ready, else why not.</summary>
    private static string? Ready(IServiceProvider services)
    {
        if (services.GetService<EdgeServer>() is { } edge && edge.ViewerCount >= services.GetRequiredService<EdgeOptions>().MaxViewers)
        {
            return "full";
        }
        if (services.GetService<RelayClient>() is { IsConnected: false })
        {
            return "not connected to the origin";
        }
        if (services.GetService<FrontDoor>() is { } door && door.AnyHealthy() is null)
        {
            return "no healthy edge";
        }
        return null;
    }

    internal static EdgeLoad Load(EdgeServer edge, IServiceProvider services) =>
        new(edge.ViewerCount, services.GetRequiredService<EdgeOptions>().MaxViewers, edge.Fanouts.Sum(f => f.PacketsSent), Ready(services) is null);

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
