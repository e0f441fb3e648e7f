using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using VideoRelay.Node;

namespace VideoRelay.EndToEnd.Tests;

/// <summary>An all-in-one node started in this process on free loopback ports; can be stopped and started again on the same ports.</summary>
internal sealed class TestNode : IAsyncDisposable
{
    private readonly string[] _extraArgs;
    private WebApplication? _app;

    public TestNode(params string[] extraArgs)
    {
        _extraArgs = extraArgs;
        HttpPort = FreePorts.Tcp();
        RtmpPort = FreePorts.Tcp();
        SrtPort = FreePorts.Udp();
        UdpPort = FreePorts.Udp();
    }

    public int HttpPort { get; }
    public int RtmpPort { get; }
    public int SrtPort { get; }
    public int UdpPort { get; }
    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";
    public string RtmpUrl(string stream) => $"rtmp://127.0.0.1:{RtmpPort}/live/{stream}";
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public WebApplication App => _app ?? throw new InvalidOperationException("node not started");

    public async Task StartAsync()
    {
        string[] args =
        [
            $"--Node:HttpPort={HttpPort}", "--Node:HttpAddress=127.0.0.1",
            $"--Ingest:RtmpPort={RtmpPort}", $"--Ingest:SrtPort={SrtPort}", "--Ingest:ListenAddress=127.0.0.1",
            $"--Edge:UdpPort={UdpPort}", "--Edge:BindAddress=127.0.0.1", "--Edge:AnnouncedAddress=127.0.0.1",
            "--Logging:LogLevel:Default=Warning",
            .. _extraArgs,
        ];
        _app = NodeApp.Build(args);
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public async Task<JsonElement> GetJsonAsync(string path) =>
        await Http.GetFromJsonAsync<JsonElement>(BaseUrl + path);

    /// <summary>Polls until <paramref name="condition"/> holds or the timeout passes.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(100);
        }
        return await condition();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Http.Dispose();
    }
}
