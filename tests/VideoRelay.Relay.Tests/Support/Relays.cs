using System.Net;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Client;
using VideoRelay.Relay.Server;

namespace VideoRelay.Relay.Tests.Support;

/// <summary>Builders and waits shared by the relay tests.</summary>
internal static class Relays
{
    public const string Secret = "test-cluster-secret";

    public static TieredBufferPool Pool() => new("test", false, (2 * 1024, 1024), (64 * 1024, 512), (1024 * 1024, 16));

    public static RelayServer StartServer(IStreamCatalog catalog, TieredBufferPool pool, int port = 0, string secret = Secret)
    {
        var server = new RelayServer(new RelayServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, port), Secret = secret, NodeName = "origin" }, catalog, pool);
        server.Start();
        return server;
    }

    public static RelayClient StartClient(int port, TieredBufferPool pool, string secret = Secret, string name = "edge", TimeSpan? findTimeout = null)
    {
        var client = new RelayClient(new RelayClientOptions
        {
            Origin = $"127.0.0.1:{port}",
            Secret = secret,
            NodeName = name,
            FindTimeout = findTimeout ?? TimeSpan.FromSeconds(5),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        }, pool);
        client.Start();
        return client;
    }

    public static bool WaitUntil(Func<bool> condition, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }
            Thread.Sleep(5);
        }
        return condition();
    }

    /// <summary>Reads frames from a reader until <paramref name="count"/> arrived or the timeout; the caller releases them.</summary>
    public static List<MediaFrame> Collect(FrameReader reader, int count, int timeoutMs = 5000)
    {
        var frames = new List<MediaFrame>();
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (frames.Count < count && DateTime.UtcNow < deadline)
        {
            if (reader.TryRead(out MediaFrame frame))
            {
                frames.Add(frame);
            }
            else
            {
                reader.WaitForFrame(20);
            }
        }
        return frames;
    }

    public static void Release(List<MediaFrame> frames)
    {
        foreach (MediaFrame f in frames)
        {
            f.Release();
        }
    }
}
