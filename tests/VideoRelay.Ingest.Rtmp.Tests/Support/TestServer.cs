using System.Net;
using VideoRelay.Core.Buffers;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>
/// An <see cref="RtmpServer"/> on 127.0.0.1:0 with a recording authority and a diagnostic pool that fails
/// the test at dispose when a lease is still rented.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(RtmpServer server, RecordingAuthority authority, TieredBufferPool pool)
    {
        Server = server;
        Authority = authority;
        Pool = pool;
    }

    public RtmpServer Server { get; }
    public RecordingAuthority Authority { get; }
    public TieredBufferPool Pool { get; }
    public int Port => Server.LocalEndPoint.Port;
    public RtmpServerCounters Counters => Server.Counters;

    public static async Task<TestServer> StartAsync(Action<RtmpServerOptions>? configure = null, string? key = "k")
    {
        var options = new RtmpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) };
        configure?.Invoke(options);
        var pool = new TieredBufferPool("rtmp-test", diagnostic: true, (2 * 1024, 256), (64 * 1024, 128), (1024 * 1024, 16), (4 * 1024 * 1024, 4));
        var authority = new RecordingAuthority(key);
        var server = new RtmpServer(authority, pool, options);
        await server.StartAsync();
        return new TestServer(server, authority, pool);
    }

    /// <summary>Waits until <paramref name="condition"/> holds (polling), failing after the timeout.</summary>
    public static async Task WaitForAsync(Func<bool> condition, int timeoutMs = 5000, string? what = null)
    {
        long deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"timed out waiting for {what ?? "condition"}");
            }
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Pool.Dispose(); // diagnostic: throws if any lease is still rented
    }
}
