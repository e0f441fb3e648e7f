using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest.Srt.Interop;

namespace VideoRelay.Ingest.Srt;

/// <summary>
/// SRT ingest (libsrt, live mode): accepts publishers, checks their stream id and key before the handshake
/// completes, and feeds each connection's MPEG-TS to the stream registry through an <see cref="IPublishSession"/>.
/// </summary>
/// <remarks>
/// Design: libsrt calls the listen callback on its own thread while the handshake is in progress, before
/// the connection exists. The callback (an <c>[UnmanagedCallersOnly]</c> function reaching this object
/// through a <see cref="GCHandle"/>; it never throws back into C) parses SRTO_STREAMID, asks the
/// <see cref="IPublishAuthority"/>, and either sets a reject code (SRT_REJX_*: 1400 malformed, 1401 bad key,
/// 1404 unknown stream, 1405 <c>m=request</c>, 1409 busy) or admits the publisher, setting the stream's
/// passphrase on the new socket so a publisher without it fails the rest of the handshake. Admitted
/// publishers wait in a pending table until srt_accept returns their socket; one whose handshake then fails
/// (bad passphrase) is noticed by its socket state on the accept thread, and its session is disposed.
/// One accept thread (srt_epoll, 200 ms ticks) and one receive thread per connection.
/// Latency: see <see cref="SrtListenerOptions"/> — use 3–4 × RTT for publishers across the internet.
/// </remarks>
public sealed unsafe class SrtListener : IDisposable
{
    private const int EpollTickMs = 200;
    private static readonly TimeSpan s_pendingTimeout = TimeSpan.FromSeconds(10);

    private readonly SrtListenerOptions _options;
    private readonly IPublishAuthority _authority;
    private readonly TieredBufferPool _pool;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, PendingPublish> _pending = new();
    private readonly ConcurrentDictionary<int, SrtConnection> _connections = new();
    private GCHandle _self;
    private Thread? _acceptThread;
    private int _socket = SrtNative.Invalid;
    private int _epoll = -1;
    private volatile bool _stopping;
    private int _disposed;

    public SrtListener(SrtListenerOptions options, IPublishAuthority authority, TieredBufferPool pool, ILogger<SrtListener>? logger = null)
    {
        options.Validate();
        _options = options;
        _authority = authority;
        _pool = pool;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The bound UDP port (after <see cref="Start"/>).</summary>
    public int LocalPort { get; private set; }

    public SrtListenerCounters Counters => CountersMutable;

    /// <summary>Publishers connected now.</summary>
    public int ActiveConnections => _connections.Count;

    internal SrtListenerCounters CountersMutable { get; } = new();

    /// <summary>Binds, listens and starts the accept thread. Throws <see cref="InvalidOperationException"/> if libsrt refuses.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_acceptThread is not null)
        {
            throw new InvalidOperationException("already started");
        }
        SrtLibrary.Acquire();
        _self = GCHandle.Alloc(this);
        try
        {
            _socket = SrtNative.srt_create_socket();
            Check(_socket, "srt_create_socket");
            Check(SrtNative.SetInt(_socket, SrtOption.TransType, SrtNative.TransTypeLive), "SRTO_TRANSTYPE");
            Check(SrtNative.SetInt(_socket, SrtOption.Latency, _options.LatencyMs), "SRTO_LATENCY");
            Check(SrtNative.SetInt(_socket, SrtOption.RcvLatency, _options.LatencyMs), "SRTO_RCVLATENCY");
            Check(SrtNative.SetInt(_socket, SrtOption.PeerIdleTimeout, _options.PeerIdleTimeoutMs), "SRTO_PEERIDLETIMEO");
            Span<byte> address = stackalloc byte[SockAddr.MaxSize];
            int length = SockAddr.Write(new IPEndPoint(_options.BindAddress, _options.Port), address);
            fixed (byte* a = address)
            {
                Check(SrtNative.srt_bind(_socket, a, length), "srt_bind");
                int nameLength = SockAddr.MaxSize;
                Check(SrtNative.srt_getsockname(_socket, a, &nameLength), "srt_getsockname");
            }
            LocalPort = SockAddr.Read(address)?.Port ?? _options.Port;
            Check(SrtNative.srt_listen_callback(_socket, &OnListen, GCHandle.ToIntPtr(_self)), "srt_listen_callback");
            Check(SrtNative.srt_listen(_socket, _options.Backlog), "srt_listen");
            _epoll = SrtNative.srt_epoll_create();
            Check(_epoll, "srt_epoll_create");
            int events = SrtNative.EpollIn | SrtNative.EpollErr;
            Check(SrtNative.srt_epoll_add_usock(_epoll, _socket, &events), "srt_epoll_add_usock");
        }
        catch
        {
            Close();
            throw;
        }
        _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "srt-accept" };
        _acceptThread.Start();
        Log.Listening(_logger, new IPEndPoint(_options.BindAddress, LocalPort), _options.LatencyMs);
    }

    /// <summary>Stops accepting, ends every connection (disposing its session) and releases libsrt.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        _stopping = true;
        _acceptThread?.Join(TimeSpan.FromSeconds(2));
        foreach (SrtConnection connection in _connections.Values)
        {
            connection.Stop(TimeSpan.FromSeconds(2));
        }
        Close();
    }

    internal void OnConnectionClosed(int socket)
    {
        if (_connections.TryRemove(socket, out _))
        {
            CountersMutable.OnDisconnected();
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnListen(nint opaque, int socket, int handshakeVersion, nint peer, nint streamId)
    {
        try
        {
            return GCHandle.FromIntPtr(opaque).Target is SrtListener listener ? listener.Admit(socket, peer, streamId) : -1;
        }
        catch
        {
            SrtNative.srt_setrejectreason(socket, SrtRejectReason.InternalError);
            return -1;
        }
    }

    private int Admit(int socket, nint peer, nint streamIdPointer)
    {
        CountersMutable.OnHandshake();
        IPEndPoint? remote = null;
        string text = "";
        try
        {
            remote = SockAddr.Read(peer);
            if (streamIdPointer != 0)
            {
                ReadOnlySpan<byte> raw = MemoryMarshal.CreateReadOnlySpanFromNullTerminated((byte*)streamIdPointer);
                text = raw.Length <= SrtStreamId.MaxLength ? System.Text.Encoding.UTF8.GetString(raw) : "";
            }
            if (_stopping)
            {
                return Reject(socket, SrtRejectReason.Down, "shutting down", remote, text);
            }
            if (!SrtStreamId.TryParse(text, out SrtStreamId id))
            {
                return Reject(socket, SrtRejectReason.BadRequest, "malformed stream id", remote, text);
            }
            if (id.Mode != SrtStreamMode.Publish)
            {
                return Reject(socket, SrtRejectReason.BadMode, "only m=publish is served over SRT", remote, text);
            }
            PublishResult result = _authority.TryStartPublish(new PublishRequest(id.Resource, id.Key, "srt", remote), out IPublishSession? session);
            switch (result)
            {
                case PublishResult.Accepted when session is not null:
                    break;
                case PublishResult.BadKey:
                    return Reject(socket, SrtRejectReason.Unauthorized, "bad publish key", remote, text);
                case PublishResult.AlreadyPublishing:
                    return Reject(socket, SrtRejectReason.Conflict, "stream busy", remote, text);
                default:
                    return Reject(socket, SrtRejectReason.NotFound, "refused", remote, text);
            }
            if (!ApplyPassphrase(socket, id.Resource))
            {
                session.Dispose();
                return Reject(socket, SrtRejectReason.InternalError, "could not set passphrase", remote, text);
            }
            _pending[socket] = new PendingPublish(session, id.Resource, remote, Clock.Ticks);
            return 0;
        }
        catch (Exception e)
        {
            Log.CallbackFailed(_logger, e);
            return Reject(socket, SrtRejectReason.InternalError, "internal error", remote, text);
        }
    }

    private bool ApplyPassphrase(int socket, string stream)
    {
        if (!_options.Passphrases.TryGetValue(stream, out string? passphrase))
        {
            return true;
        }
        if (SrtNative.SetString(socket, SrtOption.Passphrase, passphrase) < 0)
        {
            Log.OptionFailed(_logger, "SRTO_PASSPHRASE", stream, SrtNative.LastError());
            return false;
        }
        if (_options.PbKeyLength != 0 && SrtNative.SetInt(socket, SrtOption.PbKeyLen, _options.PbKeyLength) < 0)
        {
            Log.OptionFailed(_logger, "SRTO_PBKEYLEN", stream, SrtNative.LastError());
        }
        return true;
    }

    private int Reject(int socket, int reason, string why, IPEndPoint? remote, string streamId)
    {
        SrtNative.srt_setrejectreason(socket, reason);
        CountersMutable.OnRejected(reason);
        Log.Rejected(_logger, remote, reason, why, streamId);
        return -1;
    }

    private void AcceptLoop()
    {
        int* ready = stackalloc int[4];
        byte* address = stackalloc byte[SockAddr.MaxSize];
        while (!_stopping)
        {
            int count = 4;
            int n = SrtNative.srt_epoll_wait(_epoll, ready, &count, null, null, EpollTickMs, null, null, null, null);
            SweepPending();
            if (n <= 0 || _stopping)
            {
                continue;
            }
            int length = SockAddr.MaxSize;
            int socket = SrtNative.srt_accept(_socket, address, &length);
            if (socket == SrtNative.Invalid)
            {
                continue;
            }
            if (!_pending.TryRemove(socket, out PendingPublish? pending))
            {
                SrtNative.srt_close(socket);
                continue;
            }
            var connection = new SrtConnection(this, socket, pending, _pool, _options, _logger);
            _connections[socket] = connection;
            CountersMutable.OnConnected();
            Log.Connected(_logger, pending.Remote, pending.Stream);
            connection.Start();
        }
    }

    /// <summary>Disposes sessions of admitted publishers whose handshake failed or never finished.</summary>
    private void SweepPending()
    {
        foreach ((int socket, PendingPublish pending) in _pending)
        {
            int state = SrtNative.srt_getsockstate(socket);
            bool failed = state >= SrtNative.StatusBroken;
            if ((failed || Clock.ElapsedNs(pending.AdmittedTicks) > s_pendingTimeout.Ticks * 100) && _pending.TryRemove(socket, out _))
            {
                CountersMutable.OnHandshakeFailed();
                Log.HandshakeFailed(_logger, pending.Remote, pending.Stream, state);
                pending.Session.Dispose();
                if (!failed)
                {
                    SrtNative.srt_close(socket);
                }
            }
        }
    }

    private void Close()
    {
        if (_socket != SrtNative.Invalid)
        {
            SrtNative.srt_close(_socket);
            _socket = SrtNative.Invalid;
        }
        foreach ((int socket, PendingPublish pending) in _pending)
        {
            if (_pending.TryRemove(socket, out _))
            {
                pending.Session.Dispose();
            }
        }
        if (_epoll >= 0)
        {
            SrtNative.srt_epoll_release(_epoll);
            _epoll = -1;
        }
        if (_self.IsAllocated)
        {
            _self.Free();
        }
        SrtLibrary.Release();
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"{what} failed: {SrtNative.LastError()}");
        }
    }
}
