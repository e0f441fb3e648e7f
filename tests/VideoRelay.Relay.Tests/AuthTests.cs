using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using VideoRelay.Core.Buffers;
using VideoRelay.Relay.Client;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Server;
using VideoRelay.Relay.Tests.Support;
using VideoRelay.Relay.Transport;

namespace VideoRelay.Relay.Tests;

public sealed class AuthTests : IDisposable
{
    private readonly TieredBufferPool _pool = Relays.Pool();
    private readonly FakeCatalog _catalog = new();

    public AuthTests()
    {
        _catalog.Add(new FakeStream("demo", _pool, intervalMs: 20));
    }

    public void Dispose() => _catalog.Dispose();

    [Fact]
    public async Task A_client_with_the_wrong_secret_is_refused_and_counted_on_both_sides()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using RelayClient client = Relays.StartClient(server.LocalEndPoint.Port, _pool, secret: "wrong", findTimeout: TimeSpan.FromMilliseconds(500));

        Assert.Null(await client.FindAsync("demo"));

        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref server.Counters.AuthFailures) >= 1));
        Assert.True(Interlocked.Read(ref client.Counters.AuthFailures) >= 1);
        Assert.Equal(0L, Interlocked.Read(ref server.Counters.Authenticated));
        Assert.Equal(0L, Interlocked.Read(ref server.Counters.Subscriptions));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void The_client_refuses_a_server_that_cannot_prove_the_secret()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        int port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        RelayErrorCode answered = RelayErrorCode.None;
        var impostor = new Thread(() =>
        {
            using var socket = new RelaySocket(listener.Accept(), RelayMessageHeader.DefaultMaxFrameLength, TimeSpan.FromSeconds(5));
            RelayMessageHeader h = socket.ReadHeader();
            Assert.Equal(RelayMessageType.Hello, h.Type);
            socket.ReadControlBody(h);
            socket.Send(new HelloMessage(1, 0, RandomNumberGenerator.GetBytes(32), "impostor"));
            h = socket.ReadHeader();
            Assert.Equal(RelayMessageType.Auth, h.Type); // the client proves first: the impostor learns nothing reusable
            socket.ReadControlBody(h);
            socket.Send(new AuthMessage(RandomNumberGenerator.GetBytes(32))); // it cannot compute the server proof
            h = socket.ReadHeader();
            if (h.Type == RelayMessageType.Error && ErrorMessage.TryRead(h.Type, socket.ReadControlBody(h), out ErrorMessage e, out _))
            {
                answered = e.Code;
            }
        });
        impostor.Start();
        using RelayClient client = Relays.StartClient(port, _pool);

        Assert.True(impostor.Join(TimeSpan.FromSeconds(5)));
        Assert.Equal(RelayErrorCode.AuthFailed, answered);
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref client.Counters.AuthFailures) >= 1));
        Assert.Equal(0L, Interlocked.Read(ref client.Counters.Connects));
        Assert.False(client.IsConnected);
    }

    [Fact]
    public void A_relay_without_a_secret_does_not_start()
    {
        Assert.Throws<ArgumentException>(() => new RelayServer(new RelayServerOptions(), _catalog, _pool));
        Assert.Throws<ArgumentException>(() => new RelayClient(new RelayClientOptions(), _pool));
    }
}
