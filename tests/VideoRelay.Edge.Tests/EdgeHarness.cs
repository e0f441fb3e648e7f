using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Edge.Whep;
using VideoRelay.WhepClient;

namespace VideoRelay.Edge.Tests;

/// <summary>An edge in this process: its UDP port and WHEP over Kestrel, both on 127.0.0.1 with free ports.</summary>
internal sealed class EdgeHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EdgeHarness(EdgeServer edge, EdgeOptions options, TestCatalog catalog, WebApplication app, Uri baseUrl)
    {
        Edge = edge;
        Options = options;
        Catalog = catalog;
        _app = app;
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
    }

    public EdgeServer Edge { get; }
    public EdgeOptions Options { get; }
    public TestCatalog Catalog { get; }
    public Uri BaseUrl { get; }
    public HttpClient Http { get; }

    public static async Task<EdgeHarness> StartAsync(Action<EdgeOptions>? configure = null)
    {
        var options = new EdgeOptions { UdpPort = 0, BindAddress = "127.0.0.1", AnnouncedAddress = "127.0.0.1" };
        configure?.Invoke(options);
        var catalog = new TestCatalog();
        var edge = new EdgeServer(options, catalog, NullLogger<EdgeServer>.Instance);
        edge.Start();
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(edge);
        builder.Services.AddSingleton(options);
        WebApplication app = builder.Build();
        app.MapWhep();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EdgeHarness(edge, options, catalog, app, new Uri(address.TrimEnd('/') + "/"));
    }

    public TestStream AddStream(string name, bool withAudio = true)
    {
        var stream = new TestStream(name, TestMedia.VideoConfig, withAudio);
        Catalog.Add(stream);
        return stream;
    }

    public Uri WhepUrl(string stream) => new(BaseUrl, $"whep/{stream}");

    public Task<WhepViewer> ConnectAsync(string stream, WhepViewerOptions? options = null) =>
        WhepViewer.ConnectAsync(WhepUrl(stream), options ?? new WhepViewerOptions(), CancellationToken.None);

    /// <summary>Polls until the condition holds or the timeout passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (condition())
            {
                return true;
            }
            await Task.Delay(10);
        }
        return condition();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Edge.Dispose();
    }
}
