using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;

namespace VideoRelay.Edge.Whep;

/// <summary>Serves the browser player: "/" (stream list), "/watch/{stream}", and its files under "/player/".</summary>
public static class PlayerEndpoints
{
    public static IEndpointRouteBuilder MapPlayer(this IEndpointRouteBuilder app, EdgeOptions options)
    {
        string? root = FindRoot(options.PlayerRoot);
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.MapGet("/", () => Serve(root, "index.html", types));
        app.MapGet("/watch/{stream}", (string stream) => Serve(root, "watch.html", types));
        app.MapGet("/player/{**path}", (string path) => Serve(root, path, types));
        return app;
    }

    private static IResult Serve(string? root, string relative, FileExtensionContentTypeProvider types)
    {
        if (root is null)
        {
            return Results.Text("player-web/ not found next to this program (set Edge:PlayerRoot)\n", statusCode: 503);
        }
        string full = Path.GetFullPath(Path.Combine(root, relative));
        if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
        {
            return Results.NotFound();
        }
        if (!types.TryGetContentType(full, out string? type))
        {
            type = "application/octet-stream";
        }
        return Results.File(full, type);
    }

    /// <summary>The configured folder, or player-web/ found by walking up from the program's folder.</summary>
    public static string? FindRoot(string configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        }
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "player-web");
            if (File.Exists(Path.Combine(candidate, "index.html")))
            {
                return candidate;
            }
        }
        return null;
    }
}
