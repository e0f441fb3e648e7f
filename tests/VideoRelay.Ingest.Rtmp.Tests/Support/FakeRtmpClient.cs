using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Buffers;
using VideoRelay.Ingest.Rtmp.Amf;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Handshake;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>A scripted RTMP publisher over loopback, built from the library's own chunk writer and AMF0 codec.</summary>
internal sealed class FakeRtmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly TieredBufferPool _pool = new("client", false, (64 * 1024, 32), (1024 * 1024, 4));
    private readonly ChunkReader _reader;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private bool _closedByUs;

    private FakeRtmpClient(Socket socket)
    {
        _socket = socket;
        _reader = new ChunkReader(_pool, 1024 * 1024);
    }

    public int ChunkSize { get; private set; } = 128;

    public static async Task<FakeRtmpClient> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new FakeRtmpClient(socket);
    }

    /// <summary>Builds a C1: plain (zero version) or carrying a client digest at the scheme's offset.</summary>
    public static byte[] CreateC1(bool digest, int schemeBase = 8)
    {
        var c1 = new byte[RtmpHandshake.PacketSize];
        Random.Shared.NextBytes(c1);
        c1.AsSpan(0, 4).Clear();
        if (!digest)
        {
            c1.AsSpan(4, 4).Clear();
            return c1;
        }
        c1[4] = 9; c1[5] = 0; c1[6] = 124; c1[7] = 2;
        int offset = RtmpHandshake.DigestOffset(c1, schemeBase);
        RtmpHandshake.ComputeDigest(c1, offset, RtmpHandshake.ClientKey[..RtmpHandshake.ClientKeyOpenLength], c1.AsSpan(offset, 32));
        return c1;
    }

    /// <summary>Plain or digest handshake; returns C1 and S0 S1 S2.</summary>
    public async Task<(byte[] C1, byte[] Response)> HandshakeAsync(bool digest = false)
    {
        byte[] c1 = CreateC1(digest);
        await SendAsync((byte[])[RtmpHandshake.Version, .. c1]);
        byte[] response = await ReceiveExactlyAsync(RtmpHandshake.ResponseSize);
        await SendAsync(response.AsMemory(1, RtmpHandshake.PacketSize)); // C2 = echo of S1
        return (c1, response);
    }

    public async Task SendAsync(ReadOnlyMemory<byte> bytes)
    {
        int sent = 0;
        while (sent < bytes.Length)
        {
            sent += await _socket.SendAsync(bytes[sent..], SocketFlags.None);
        }
    }

    public Task SendMessageAsync(RtmpMessageType type, ReadOnlySpan<byte> payload, uint timestamp = 0, uint streamId = 0, int chunkStreamId = 3)
    {
        var buffer = new byte[ChunkWriter.GetSerializedSize(chunkStreamId, timestamp, payload.Length, ChunkSize)];
        Assert.True(ChunkWriter.TryWrite(buffer, chunkStreamId, type, timestamp, streamId, payload, ChunkSize, out int written));
        return SendAsync(buffer.AsMemory(0, written));
    }

    public async Task SetChunkSizeAsync(int size)
    {
        var payload = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(payload, size);
        await SendMessageAsync(RtmpMessageType.SetChunkSize, payload, chunkStreamId: 2);
        ChunkSize = size;
    }

    public Task SendCommandAsync(string name, double transactionId, params object?[] values)
    {
        return SendMessageAsync(RtmpMessageType.CommandAmf0, Amf(name, transactionId, values), streamId: values.Length > 0 && name == "publish" ? 1u : 0u);
    }

    public static byte[] Amf(params object?[] values)
    {
        var buffer = new byte[128 * 1024];
        var writer = new Amf0Writer(buffer);
        foreach (object? value in values)
        {
            Assert.True(writer.TryWriteValue(value));
        }
        return buffer.AsSpan(0, writer.Written).ToArray();
    }

    private static byte[] Amf(string name, double transactionId, object?[] values) => Amf([name, transactionId, .. values]);

    /// <summary>Reads the next message from the server (null when the server closed the connection).</summary>
    public async Task<(RtmpMessageType Type, uint StreamId, byte[] Payload)?> ReadMessageAsync(int timeoutMs = 5000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            ChunkReadStatus status = _reader.Read(_buffer.AsSpan(_start, _end - _start), 0, out int consumed, out RtmpMessage message);
            _start += consumed;
            if (status == ChunkReadStatus.Message)
            {
                byte[] payload = message.Payload.ToArray();
                message.Release();
                if (message.Type == RtmpMessageType.SetChunkSize)
                {
                    _reader.SetChunkSize(BinaryPrimitives.ReadInt32BigEndian(payload));
                }
                return (message.Type, message.MessageStreamId, payload);
            }
            Assert.Equal(ChunkReadStatus.NeedMoreData, status);
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            int n;
            try
            {
                n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cts.Token);
            }
            catch (SocketException)
            {
                return null;
            }
            if (n == 0)
            {
                return null;
            }
            _end += n;
        }
    }

    /// <summary>Reads until an AMF0 command arrives; returns its decoded values (name first).</summary>
    public async Task<object?[]> ReadCommandAsync(int timeoutMs = 5000)
    {
        while (true)
        {
            var message = await ReadMessageAsync(timeoutMs) ?? throw new InvalidOperationException("server closed the connection");
            if (message.Type == RtmpMessageType.CommandAmf0)
            {
                return DecodeAll(message.Payload);
            }
        }
    }

    public static object?[] DecodeAll(byte[] payload)
    {
        var values = new List<object?>();
        var reader = new Amf0Reader(payload);
        while (!reader.IsAtEnd)
        {
            Assert.True(reader.TryReadValue(out object? value));
            values.Add(value);
        }
        return [.. values];
    }

    /// <summary>connect, releaseStream, FCPublish, createStream, publish; returns the onStatus info object.</summary>
    public async Task<Dictionary<string, object?>> PublishAsync(string name)
    {
        await SendCommandAsync("connect", 1, new Dictionary<string, object?> { ["app"] = "live", ["tcUrl"] = "rtmp://127.0.0.1/live", ["type"] = "nonprivate" });
        object?[] connectResult = await ReadCommandAsync();
        Assert.Equal("_result", connectResult[0]);
        await SendCommandAsync("releaseStream", 2, null, name);
        await SendCommandAsync("FCPublish", 3, null, name);
        await SendCommandAsync("createStream", 4, (object?)null);
        while (true)
        {
            object?[] reply = await ReadCommandAsync();
            if (reply[0] is "_result" && reply[1] is 4.0)
            {
                Assert.Equal(1.0, reply[3]);
                break;
            }
        }
        await SendCommandAsync("publish", 5, null, name, "live");
        object?[] status = await ReadCommandAsync();
        Assert.Equal("onStatus", status[0]);
        return Assert.IsType<Dictionary<string, object?>>(status[3]);
    }

    /// <summary>True when the server closes the connection within the timeout (messages before it are skipped).</summary>
    public async Task<bool> WaitForCloseAsync(int timeoutMs = 5000)
    {
        if (_closedByUs)
        {
            return true;
        }
        try
        {
            while (await ReadMessageAsync(timeoutMs) is not null)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task<byte[]> ReceiveExactlyAsync(int count)
    {
        var result = new byte[count];
        int filled = 0;
        using var cts = new CancellationTokenSource(5000);
        while (filled < count)
        {
            int n = await _socket.ReceiveAsync(result.AsMemory(filled), SocketFlags.None, cts.Token);
            if (n == 0)
            {
                throw new InvalidOperationException("server closed during the handshake");
            }
            filled += n;
        }
        return result;
    }

    /// <summary>Closes the connection from the client side (a publisher vanishing).</summary>
    public void Close()
    {
        _closedByUs = true;
        _socket.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _reader.Dispose();
        _pool.Dispose();
        return ValueTask.CompletedTask;
    }
}
