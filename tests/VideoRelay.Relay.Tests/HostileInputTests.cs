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

/// <summary>Bad peers end their own connection, counted; the server keeps serving everyone else.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TieredBufferPool _pool = Relays.Pool();
    private readonly FakeCatalog _catalog = new();
    private readonly RelayServer _server;

    public HostileInputTests()
    {
        _catalog.Add(new FakeStream("demo", _pool, intervalMs: 20));
        _server = new RelayServer(new RelayServerOptions
        {
            EndPoint = new IPEndPoint(IPAddress.Loopback, 0),
            Secret = Relays.Secret,
            DeadAfter = TimeSpan.FromMilliseconds(500),
            HandshakeTimeout = TimeSpan.FromMilliseconds(500),
        }, _catalog, _pool);
        _server.Start();
    }

    public void Dispose()
    {
        _server.Dispose();
        _catalog.Dispose();
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 3000 };
        socket.Connect(_server.LocalEndPoint);
        return socket;
    }

    /// <summary>Reads until the server closes; true when it did within the socket's timeout.</summary>
    private static bool ClosedByServer(Socket socket)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (socket.Receive(buffer) > 0)
            {
            }
            return true;
        }
        catch (SocketException e)
        {
            return e.SocketErrorCode == SocketError.ConnectionReset;
        }
    }

    private async Task AssertStillServes()
    {
        using RelayClient client = Relays.StartClient(_server.LocalEndPoint.Port, _pool);
        Assert.NotNull(await client.FindAsync("demo"));
    }

    [Fact]
    public async Task Garbage_closes_the_connection_with_a_protocol_error()
    {
        using Socket socket = Connect();
        socket.Send(RandomNumberGenerator.GetBytes(256).Select(b => (byte)(b | 0x80)).ToArray()); // 0x80+ is no message type

        Assert.True(ClosedByServer(socket));
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref _server.Counters.ProtocolErrors) == 1));
        await AssertStillServes();
    }

    [Fact]
    public async Task A_huge_length_is_refused_before_any_body_is_read()
    {
        using Socket socket = Connect();
        socket.Send([(byte)RelayMessageType.Hello, 0xFF, 0xFF, 0xFF, 0xF0]);

        Assert.True(ClosedByServer(socket));
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref _server.Counters.ProtocolErrors) == 1));
        await AssertStillServes();
    }

    [Fact]
    public async Task A_truncated_message_closes_the_connection()
    {
        using (Socket socket = Connect())
        {
            socket.Send([(byte)RelayMessageType.Hello, 0, 0, 0, 100, (byte)'V', (byte)'R', (byte)'L', (byte)'Y']);
            socket.Shutdown(SocketShutdown.Send);
            Assert.True(ClosedByServer(socket));
        }
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref _server.Counters.ProtocolErrors) == 1));
        await AssertStillServes();
    }

    [Fact]
    public async Task A_stalled_half_message_times_out()
    {
        using Socket socket = Connect();
        socket.Send([(byte)RelayMessageType.Hello, 0, 0, 0, 100, (byte)'V']);

        Assert.True(ClosedByServer(socket));
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref _server.Counters.Timeouts) == 1));
        await AssertStillServes();
    }

    [Fact]
    public async Task An_authenticated_edge_sending_frames_or_oversized_control_is_cut_off()
    {
        using var first = new RelaySocket(Connect(), RelayMessageHeader.DefaultMaxFrameLength, TimeSpan.FromSeconds(3));
        RelayHandshake.RunClient(first, AuthMessage.SecretBytes(Relays.Secret), "hostile");
        first.SendFrame(new FrameHeader { Channel = 1, Codec = Core.Media.CodecId.H264 }, new byte[10]);
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref _server.Counters.ProtocolErrors) == 1));

        Socket raw = Connect();
        using var second = new RelaySocket(raw, RelayMessageHeader.DefaultMaxFrameLength, TimeSpan.FromSeconds(3));
        RelayHandshake.RunClient(second, AuthMessage.SecretBytes(Relays.Secret), "hostile");
        byte[] oversized = new byte[RelayMessageHeader.Size];
        new RelayMessageHeader(RelayMessageType.Subscribe, RelayMessageHeader.MaxControlLength + 1).TryWrite(oversized, out _);
        raw.Send(oversized);
        Assert.True(Relays.WaitUntil(() => Interlocked.Read(ref _server.Counters.ProtocolErrors) == 2));
        await AssertStillServes();
    }
}
