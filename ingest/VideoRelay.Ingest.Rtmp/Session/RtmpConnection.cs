using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Net;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Handshake;

namespace VideoRelay.Ingest.Rtmp.Session;

/// <summary>
/// One publisher's TCP connection: handshake, then a receive loop that feeds the chunk reader, handles
/// protocol control messages itself and gives commands, data and media to the <see cref="RtmpCommandHandler"/>.
/// Runs on its own task; everything it holds (receive buffer, partial messages, send buffer) is bounded.
/// </summary>
internal sealed class RtmpConnection
{
    private const ushort PingRequest = 6;
    private const ushort PingResponse = 7;

    private readonly long _id;
    private readonly Socket _socket;
    private readonly TimestampedTcpReceive? _stamped;
    private readonly EndPoint? _remote;
    private readonly IPublishAuthority _authority;
    private readonly TieredBufferPool _pool;
    private readonly RtmpServerOptions _options;
    private readonly RtmpServerCounters _counters;
    private readonly ILogger _logger;
    private readonly RtmpOutput _output;
    private long _bytesReceived;
    private long _lastAck;
    private long _peerWindow;

    public RtmpConnection(
        long id,
        Socket socket,
        IPublishAuthority authority,
        TieredBufferPool pool,
        RtmpServerOptions options,
        RtmpServerCounters counters,
        ILogger logger)
    {
        _id = id;
        _socket = socket;
        _remote = socket.RemoteEndPoint;
        _authority = authority;
        _pool = pool;
        _options = options;
        _counters = counters;
        _logger = logger;
        _output = new RtmpOutput(ChunkReader.DefaultChunkSize);
        _peerWindow = options.WindowAckSize;
        if (options.KernelTimestamps)
        {
            TimestampingStatus status = SocketTimestamping.Enable(socket, TimestampRequest.Software);
            TimestampSource = status.Rx;
            counters.RxTimestampSource = status.Rx;
            if (status.Rx != VideoRelay.Core.Net.TimestampSource.None)
            {
                _stamped = new TimestampedTcpReceive();
            }
        }
    }

    private const int EINTR = 4, EAGAIN = 11, ETIMEDOUT = 110; // Linux errno values

    /// <summary>What stamps this connection's received bytes: the kernel (software/hardware) or nobody.</summary>
    public TimestampSource TimestampSource { get; }

    /// <summary>
    /// Waits for bytes (a zero-byte async receive, so no thread blocks), then reads them with recvmsg to get the
    /// kernel's receive timestamp. Falls back to a plain receive when the socket gives no stamps.
    /// </summary>
    private async ValueTask<int> ReceiveStampedAsync(Memory<byte> buffer, ChunkReader chunks, CancellationToken token)
    {
        if (_stamped is null)
        {
            return await _socket.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
        }
        while (true)
        {
            await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, token).ConfigureAwait(false);
            int n = _stamped.Receive(_socket, buffer.Span, out long kernelRx, timeoutMs: 0);
            if (n >= 0)
            {
                chunks.KernelReceivedUnixNs = kernelRx;
                return n;
            }
            if (_stamped.LastErrno is not (EAGAIN or ETIMEDOUT or EINTR))
            {
                throw new SocketException((int)(_stamped.LastErrno switch
                {
                    104 => SocketError.ConnectionReset, // ECONNRESET
                    32 => SocketError.Shutdown,         // EPIPE
                    9 => SocketError.OperationAborted,  // EBADF: closed under us
                    _ => SocketError.SocketError,
                }));
            }
        }
    }

    public async Task RunAsync(CancellationToken serverToken)
    {
        RtmpCloseReason reason = RtmpCloseReason.Normal;
        string? detail = null;
        bool handshaking = true;
        using var timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(serverToken, timeout.Token);
        CancellationToken token = linked.Token;
        var chunks = new ChunkReader(_pool, _options.MaxMessageLength);
        var handler = new RtmpCommandHandler(_id, _remote, _authority, _pool, _options, _counters, _output, _logger);
        BufferLease? receive = null;
        int filled = 0;
        try
        {
            if (!_pool.TryRent(Math.Max(_options.ReceiveBufferSize, 2 * RtmpHandshake.PacketSize), out receive))
            {
                RtmpSessionException.Throw(RtmpCloseReason.PoolExhausted, "no pooled receive buffer free");
            }
            timeout.CancelAfter(_options.HandshakeTimeout);
            filled = await HandshakeAsync(receive, token).ConfigureAwait(false);
            handshaking = false;
            filled = Process(chunks, handler, receive, filled, Clock.UnixNowNs());
            while (true)
            {
                if (_output.Pending > 0)
                {
                    await _output.FlushAsync(_socket, token).ConfigureAwait(false);
                }
                timeout.CancelAfter(_options.IdleTimeout);
                int n = await ReceiveStampedAsync(receive.Memory[filled..], chunks, token).ConfigureAwait(false);
                if (n == 0)
                {
                    if (filled > 0 || chunks.HasPartialMessage)
                    {
                        reason = RtmpCloseReason.ConnectionLost;
                        detail = "the publisher closed the connection in the middle of a message";
                    }
                    break;
                }
                long rx = Clock.UnixNowNs();
                _counters.AddBytesIn(n);
                _bytesReceived += n;
                filled = Process(chunks, handler, receive, filled + n, rx);
                if (_bytesReceived - _lastAck >= _peerWindow)
                {
                    _lastAck = _bytesReceived;
                    _output.WriteAcknowledgement((uint)_bytesReceived);
                }
            }
        }
        catch (RtmpSessionException e)
        {
            reason = e.Reason;
            detail = e.Message;
            bool told = _output.Pending > 0;
            await TryFlushAsync().ConfigureAwait(false);
            if (told && receive is not null && !serverToken.IsCancellationRequested)
            {
                await DrainAsync(receive, serverToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (serverToken.IsCancellationRequested)
        {
            reason = RtmpCloseReason.ServerStopping;
        }
        catch (OperationCanceledException)
        {
            reason = RtmpCloseReason.Timeout;
            detail = handshaking ? $"no handshake within {_options.HandshakeTimeout}" : $"nothing received for {_options.IdleTimeout}";
        }
        catch (SocketException e) when (!handshaking && e.SocketErrorCode == SocketError.ConnectionReset
            && filled == 0 && !chunks.HasPartialMessage)
        {
            // A publisher that closes with our last replies unread resets instead of closing: between
            // messages that is an ordinary end.
            reason = RtmpCloseReason.Normal;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            reason = handshaking ? RtmpCloseReason.BadHandshake : RtmpCloseReason.ConnectionLost;
            detail = e.Message;
        }
        catch (Exception e)
        {
            reason = RtmpCloseReason.ProtocolError;
            detail = e.Message;
            Log.Unexpected(_logger, _id, e);
        }
        finally
        {
            handler.Dispose();
            chunks.Dispose();
            receive?.Release();
            CloseSocket();
            _counters.OnClosed(reason);
            if (detail is null)
            {
                Log.ClosedNormally(_logger, _id, reason);
            }
            else
            {
                Log.ClosedWithError(_logger, _id, _remote, reason, detail);
            }
        }
    }

    /// <summary>Reads C0 C1, answers S0 S1 S2, reads C2. Returns the bytes already received past C2.</summary>
    private async Task<int> HandshakeAsync(BufferLease receive, CancellationToken token)
    {
        const int c0c1 = 1 + RtmpHandshake.PacketSize;
        int filled = await ReceiveAtLeastAsync(receive, 0, c0c1, token).ConfigureAwait(false);
        if (filled < c0c1)
        {
            RtmpSessionException.Throw(RtmpCloseReason.BadHandshake, $"connection closed after {filled} handshake bytes");
        }
        byte version = receive.Span[0];
        if (version != RtmpHandshake.Version)
        {
            RtmpSessionException.Throw(RtmpCloseReason.BadHandshake,
                version is 6 or 8 or 9 ? $"encrypted RTMPE (version {version}) is not supported" : $"unknown RTMP version {version}");
        }
        Span<byte> response = _output.GetRawSpan(RtmpHandshake.ResponseSize);
        bool digest = RtmpHandshake.WriteResponse(receive.Span.Slice(1, RtmpHandshake.PacketSize), response,
            (uint)Environment.TickCount, allowDigest: !_options.ForcePlainHandshake);
        _output.AdvanceRaw(RtmpHandshake.ResponseSize);
        await _output.FlushAsync(_socket, token).ConfigureAwait(false);

        // C2 (ignored: nothing in it needs checking) may arrive glued to the first chunks.
        int total = c0c1 + RtmpHandshake.PacketSize;
        filled = await ReceiveAtLeastAsync(receive, filled, total, token).ConfigureAwait(false);
        if (filled < total)
        {
            RtmpSessionException.Throw(RtmpCloseReason.BadHandshake, "connection closed before C2");
        }
        receive.Span[total..filled].CopyTo(receive.Span);
        _counters.OnHandshake(digest);
        Log.HandshakeDone(_logger, _id, digest ? "digest" : "plain");
        return filled - total;
    }

    private async ValueTask<int> ReceiveAtLeastAsync(BufferLease receive, int filled, int count, CancellationToken token)
    {
        while (filled < count)
        {
            int n = await _socket.ReceiveAsync(receive.Memory[filled..], SocketFlags.None, token).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }
            filled += n;
            _bytesReceived += n;
            _counters.AddBytesIn(n);
        }
        return filled;
    }

    /// <summary>Parses every complete chunk in the buffer; returns the bytes kept (a partial header) at its start.</summary>
    private int Process(ChunkReader chunks, RtmpCommandHandler handler, BufferLease receive, int filled, long rxUnixNs)
    {
        int offset = 0;
        while (true)
        {
            ChunkReadStatus status = chunks.Read(receive.Span[offset..filled], rxUnixNs, out int consumed, out RtmpMessage message);
            offset += consumed;
            if (status == ChunkReadStatus.NeedMoreData)
            {
                break;
            }
            if (status == ChunkReadStatus.Error)
            {
                RtmpSessionException.Throw(chunks.ErrorReason, chunks.Error ?? "chunk stream error");
            }
            Dispatch(chunks, handler, message);
        }
        int left = filled - offset;
        if (left > 0 && offset > 0)
        {
            receive.Span[offset..filled].CopyTo(receive.Span);
        }
        return left;
    }

    private void Dispatch(ChunkReader chunks, RtmpCommandHandler handler, RtmpMessage message)
    {
        switch (message.Type)
        {
            case RtmpMessageType.Video:
                handler.OnVideo(message);
                return;
            case RtmpMessageType.Audio:
                handler.OnAudio(message);
                return;
            case RtmpMessageType.CommandAmf0:
            case RtmpMessageType.CommandAmf3:
                handler.OnCommand(message);
                return;
            case RtmpMessageType.DataAmf0:
            case RtmpMessageType.DataAmf3:
                handler.OnData(message);
                return;
        }
        try
        {
            OnControl(chunks, message);
        }
        finally
        {
            message.Release();
        }
    }

    private void OnControl(ChunkReader chunks, in RtmpMessage message)
    {
        ReadOnlySpan<byte> p = message.Payload;
        switch (message.Type)
        {
            case RtmpMessageType.SetChunkSize:
                RequireLength(p, 4, "Set Chunk Size");
                uint size = BinaryPrimitives.ReadUInt32BigEndian(p) & 0x7FFFFFFF;
                if (size == 0 || size > _options.MaxChunkSize)
                {
                    RtmpSessionException.Throw(RtmpCloseReason.Oversize, $"chunk size {size} outside 1..{_options.MaxChunkSize}");
                }
                chunks.SetChunkSize((int)size);
                break;
            case RtmpMessageType.Abort:
                RequireLength(p, 4, "Abort Message");
                chunks.Abort((int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(p), int.MaxValue));
                break;
            case RtmpMessageType.WindowAckSize:
                RequireLength(p, 4, "Window Acknowledgement Size");
                uint window = BinaryPrimitives.ReadUInt32BigEndian(p);
                if (window > 0)
                {
                    _peerWindow = window;
                }
                break;
            case RtmpMessageType.UserControl:
                RequireLength(p, 2, "User Control");
                if (BinaryPrimitives.ReadUInt16BigEndian(p) == PingRequest)
                {
                    RequireLength(p, 6, "Ping Request");
                    _output.WriteUserControl(PingResponse, BinaryPrimitives.ReadUInt32BigEndian(p[2..]));
                }
                break;
            case RtmpMessageType.Acknowledgement:
            case RtmpMessageType.SetPeerBandwidth:
                break;
            default:
                Log.Ignored(_logger, _id, $"message type {(int)message.Type}");
                break;
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> payload, int length, string what)
    {
        if (payload.Length < length)
        {
            RtmpSessionException.Throw(RtmpCloseReason.ProtocolError, $"{what} message of {payload.Length} bytes");
        }
    }

    private async ValueTask TryFlushAsync()
    {
        if (_output.Pending == 0)
        {
            return;
        }
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await _output.FlushAsync(_socket, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or not reading: the close reason already says why.
        }
    }

    /// <summary>
    /// After a refusal was sent: discard input for a short grace period (or until the peer closes) so the
    /// encoder reads the onStatus error instead of failing on a reset connection (ffmpeg only polls for
    /// server messages every few packets).
    /// </summary>
    private async ValueTask DrainAsync(BufferLease receive, CancellationToken serverToken)
    {
        try
        {
            using var grace = CancellationTokenSource.CreateLinkedTokenSource(serverToken);
            grace.CancelAfter(_options.RefusalGrace);
            while (await _socket.ReceiveAsync(receive.Memory, SocketFlags.None, grace.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Grace over or peer gone.
        }
    }

    private void CloseSocket()
    {
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // already disconnected
        }
        _socket.Dispose();
        _stamped?.Dispose();
    }
}
