using VideoRelay.Edge.Whep;

namespace VideoRelay.Node;

/// <summary>The front door's WHEP: every offer is redirected (307, method and body kept) to the least-loaded healthy edge.</summary>
internal static class FrontDoorEndpoints
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static void Map(WebApplication app)
    {
        app.MapPost("/whep/{stream}", (string stream, HttpContext http, FrontDoor door) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            http.Response.Headers.AccessControlExposeHeaders = "Location";
            string? edge = door.Pick();
            if (edge is null)
            {
                return Results.Text("no healthy edge\n", statusCode: 503);
            }
            http.Response.Headers.Location = $"{edge}/whep/{Uri.EscapeDataString(stream)}{http.Request.QueryString}";
            return Results.StatusCode(StatusCodes.Status307TemporaryRedirect);
        });
        app.MapMethods("/whep/{stream}", ["OPTIONS"], (HttpContext http) =>
        {
            http.Response.Headers.AccessControlAllowOrigin = "*";
            http.Response.Headers.AccessControlAllowMethods = "POST, OPTIONS";
            http.Response.Headers.AccessControlAllowHeaders = "Content-Type, Authorization";
            return Results.NoContent();
        });
    }

    /// <summary>The stream list, from the origin when configured, else from a healthy edge.</summary>
    public static async Task<IResult> ProxyStreamsAsync(FrontDoor door, FrontDoorOptions options, CancellationToken ct)
    {
        string? source = !string.IsNullOrEmpty(options.Origin) ? options.Origin.TrimEnd('/') : door.AnyHealthy();
        if (source is null)
        {
            return Results.Json(Array.Empty<object>());
        }
        try
        {
            string json = await s_http.GetStringAsync(source + "/api/streams", ct);
            return Results.Text(json, "application/json");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return Results.Json(Array.Empty<object>());
        }
    }
}
