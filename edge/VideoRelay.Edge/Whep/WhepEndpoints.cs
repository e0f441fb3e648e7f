using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VideoRelay.Edge.Whep;

/// <summary>
/// WHEP (draft-ietf-wish-whep) over HTTP: POST an SDP offer to /whep/{stream} → 201 + Location + answer;
/// DELETE the Location ends the session; PATCH (trickle) is 405 since the edge is ICE-lite with one candidate;
/// OPTIONS and CORS headers let players on other origins use it.
/// </summary>
public static class WhepEndpoints
{
    private const string SdpType = "application/sdp";

    public static IEndpointRouteBuilder MapWhep(this IEndpointRouteBuilder app)
    {
        app.MapPost("/whep/{stream}", PostOffer);
        app.MapDelete("/whep/{stream}/{session}", (string stream, string session, HttpContext http, EdgeServer edge) =>
        {
            AddCors(http.Response);
            return edge.DeleteSession(stream, session) ? Results.Ok() : Results.NotFound();
        });
        app.MapMethods("/whep/{stream}/{session}", ["PATCH"], (HttpContext http) =>
        {
            AddCors(http.Response);
            http.Response.Headers.Allow = "DELETE, OPTIONS";
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        });
        app.MapMethods("/whep/{stream}", ["OPTIONS"], Preflight);
        app.MapMethods("/whep/{stream}/{session}", ["OPTIONS"], Preflight);
        return app;
    }

    private static IResult Preflight(HttpContext http)
    {
        AddCors(http.Response);
        http.Response.Headers.AccessControlAllowMethods = "POST, DELETE, PATCH, OPTIONS";
        http.Response.Headers.AccessControlAllowHeaders = "Content-Type, Authorization, If-Match";
        http.Response.Headers.AccessControlMaxAge = "86400";
        return Results.NoContent();
    }

    private static async Task<IResult> PostOffer(string stream, HttpContext http, EdgeServer edge, EdgeOptions options)
    {
        AddCors(http.Response);
        HttpRequest request = http.Request;
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), SdpType, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Text("Content-Type must be application/sdp\n", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }
        if (request.ContentLength > options.MaxOfferBytes)
        {
            return Results.Text($"SDP offer larger than {options.MaxOfferBytes} bytes\n", statusCode: StatusCodes.Status400BadRequest);
        }
        string? offer = await ReadBoundedAsync(request, options.MaxOfferBytes, http.RequestAborted);
        if (offer is null)
        {
            return Results.Text($"SDP offer larger than {options.MaxOfferBytes} bytes\n", statusCode: StatusCodes.Status400BadRequest);
        }
        string? rendition = request.Query["rendition"];
        WhepResult result = await edge.CreateSessionAsync(stream, offer, rendition, http.RequestAborted);
        if (result.Status != StatusCodes.Status201Created)
        {
            return Results.Text((result.Error ?? "refused") + "\n", statusCode: result.Status);
        }
        // Absolute, so a player that reached us through a front door's redirect deletes the session here.
        string location = $"{request.Scheme}://{request.Host}/whep/{Uri.EscapeDataString(stream)}/{result.SessionId}";
        http.Response.Headers.Location = location;
        http.Response.Headers.ETag = $"\"{result.SessionId}\"";
        return Results.Text(result.AnswerSdp!, SdpType, Encoding.UTF8, StatusCodes.Status201Created);
    }

    private static async Task<string?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        byte[] buffer = new byte[limit + 1];
        int total = 0;
        while (true)
        {
            int n = await request.Body.ReadAsync(buffer.AsMemory(total), ct);
            if (n == 0)
            {
                break;
            }
            total += n;
            if (total > limit)
            {
                return null;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    internal static void AddCors(HttpResponse response)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "Location, ETag, Link";
    }
}
