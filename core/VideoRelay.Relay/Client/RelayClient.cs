using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Transport;

namespace VideoRelay.Relay.Client;

/// <summary>
/// The edge side of the relay: an <see cref="IStreamCatalog"/> whose streams are pulled from an origin on demand, so
/// the edge's WebRTC code works unchanged. <see cref="FindAsync"/> subscribes when the first viewer asks; frames are read
/// straight into pooled leases and published into local <see cref="TrackDistributor"/>s (stamping <see cref="Hop.EdgeRx"/>).
/// A stream is unsubscribed <see cref="RelayClientOptions.LingerSeconds"/> after its last viewer left. When the origin
/// connection drops the client reconnects with backoff, re-authenticates and re-subscribes every active stream; local
/// handles and their viewers stay attached and resume at the next keyframe.
/// </summary>
/// <remarks>
/// One thread connects and reads (it is the single producer of every local distributor); sends (SUBSCRIBE,
/// KEYFRAME_REQUEST, HEARTBEAT, UNSUBSCRIBE) come from any thread under the socket's send lock.
/// </remarks>
public sealed partial class RelayClient : IStreamCatalog, IHostedService, IDisposable
{
    private readonly TieredBufferPool _pool;
    private readonly ILogger _log;
    private readonly byte[] _secret;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RelayStreamHandle> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<uint, RelayStreamHandle> _byChannel = new();
    private readonly ConcurrentQueue<RelayStreamHandle> _retired = new();
    private readonly ManualResetEventSlim _stopEvent = new(false);
    private readonly Timer _timer;
    private Thread? _thread;
    private volatile RelaySocket? _current;
    private volatile bool _stopping;
    private uint _nextChannel;
    private bool _everConnected;

    public RelayClient(RelayClientOptions options, TieredBufferPool pool, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pool);
        if (string.IsNullOrEmpty(options.Secret))
        {
            throw new ArgumentException("The relay needs a cluster secret (Relay__Secret).", nameof(options));
        }
        Options = options;
        OriginEndPoint = ParseEndPoint(options.Origin);
        _pool = pool;
        _log = log ?? NullLogger.Instance;
        _secret = AuthMessage.SecretBytes(options.Secret);
        _timer = new Timer(_ => OnTimer(), null, Timeout.Infinite, Timeout.Infinite);
    }

    public RelayClientOptions Options { get; }
    public EndPoint OriginEndPoint { get; }
    public RelayClientCounters Counters { get; } = new();

    /// <summary>Whether an authenticated origin connection is up now.</summary>
    public bool IsConnected => _current is not null;

    /// <summary>The origin's node name from its HELLO (null before the first connection).</summary>
    public string? OriginName { get; private set; }

    /// <summary>Streams subscribed now (with or without viewers, inside their linger).</summary>
    public int StreamCount
    {
        get
        {
            lock (_lock)
            {
                return _streams.Count;
            }
        }
    }

    /// <summary>Starts connecting to the origin (in the background; streams can be asked for at once).</summary>
    public void Start()
    {
        if (_thread is not null)
        {
            throw new InvalidOperationException("The relay client is already started.");
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "relay-client" };
        _thread.Start();
        _timer.Change(Options.HeartbeatInterval, Options.HeartbeatInterval);
    }

    /// <summary>Closes the origin connection and releases every local stream.</summary>
    public void Stop()
    {
        if (_stopping)
        {
            return;
        }
        _stopping = true;
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        _stopEvent.Set();
        RelaySocket? socket = _current;
        if (socket is not null)
        {
            socket.TrySendError(RelayMessageType.Close, 0, RelayErrorCode.Shutdown, "edge shutting down");
            socket.Dispose();
        }
        _thread?.Join(TimeSpan.FromSeconds(5));
        lock (_lock)
        {
            foreach (RelayStreamHandle handle in _streams.Values)
            {
                _retired.Enqueue(handle);
            }
            _streams.Clear();
            _byChannel.Clear();
        }
        RetirePending();
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Stop();
        _timer.Dispose();
        _stopEvent.Dispose();
    }

    // ------------------------------------------------------------------ IStreamCatalog

    /// <summary>
    /// Finds a stream at the origin: a known one at once; a new one is subscribed and awaited (up to
    /// <see cref="RelayClientOptions.FindTimeout"/>). Null when the origin has no such stream or cannot be reached.
    /// </summary>
    public ValueTask<IStreamHandle?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        if (_stopping || string.IsNullOrEmpty(name) || WireReader.StrictUtf8.GetByteCount(name) > SubscribeMessage.MaxNameBytes)
        {
            return ValueTask.FromResult<IStreamHandle?>(null);
        }
        RelayStreamHandle handle;
        lock (_lock)
        {
            if (_streams.TryGetValue(name, out RelayStreamHandle? existing))
            {
                existing.Touch();
                if (existing.HasInfo)
                {
                    return ValueTask.FromResult<IStreamHandle?>(existing);
                }
                handle = existing;
            }
            else if (!IsConnected && (Interlocked.Read(ref Counters.ConnectFailures) > 0 || Interlocked.Read(ref Counters.AuthFailures) > 0))
            {
                // The origin cannot be reached (or refused us): answer at once (the viewer's WHEP POST gets 404 now, not after the
                // find timeout); the front door sends viewers elsewhere since /readyz says not ready.
                return ValueTask.FromResult<IStreamHandle?>(null);
            }
            else
            {
                handle = Register(name);
                SendSubscribe(handle);
            }
        }
        return AwaitReadyAsync(handle, cancellationToken);
    }

    /// <summary>Adds a local handle for a stream (under the lock; tests use it to drive the read path directly).</summary>
    internal RelayStreamHandle Register(string name)
    {
        lock (_lock)
        {
            var handle = new RelayStreamHandle(this, name, ++_nextChannel);
            _streams[name] = handle;
            _byChannel[handle.Channel] = handle;
            return handle;
        }
    }

    private async ValueTask<IStreamHandle?> AwaitReadyAsync(RelayStreamHandle handle, CancellationToken cancellationToken)
    {
        bool found;
        try
        {
            found = await handle.Ready.WaitAsync(Options.FindTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            found = false;
        }
        if (found)
        {
            return handle;
        }
        lock (_lock)
        {
            if (!handle.HasInfo && _streams.TryGetValue(handle.Name, out RelayStreamHandle? current) && ReferenceEquals(current, handle))
            {
                _streams.Remove(handle.Name);
                _byChannel.TryRemove(handle.Channel, out _);
                TrySend(new ChannelMessage(RelayMessageType.Unsubscribe, handle.Channel, RelayTrack.Audio));
                _retired.Enqueue(handle);
            }
        }
        return null;
    }

    /// <summary>What this edge pulls now, for listings.</summary>
    public IReadOnlyList<StreamInfo> List()
    {
        List<RelayStreamHandle> handles;
        lock (_lock)
        {
            handles = [.. _streams.Values];
        }
        var list = new List<StreamInfo>(handles.Count);
        foreach (RelayStreamHandle h in handles.OrderBy(h => h.Name, StringComparer.Ordinal))
        {
            IReadOnlyList<RenditionInfo> renditions = h.Renditions;
            RenditionInfo? best = renditions.Count > 0 ? renditions[0] : null;
            var stats = renditions.Select(r => new RenditionStats(r.Name, r.Width, r.Height, 0, r.BitrateKbps, 0, 0, 0, 0)).ToList();
            list.Add(new StreamInfo(h.Name, h.IsLive, "relay", OriginName, 0, best is null ? null : "H264", best?.Width ?? 0, best?.Height ?? 0,
                (best?.VideoConfig?.FrameRateMilli ?? 0) / 1000.0, 0, h.AudioConfig is null ? null : "Opus", h.ReaderCount, stats));
        }
        return list;
    }

    // ------------------------------------------------------------------ sends (any thread)

    internal void SendKeyframeRequest(uint channel, byte rendition)
    {
        if (TrySend(new ChannelMessage(RelayMessageType.KeyframeRequest, channel, rendition)))
        {
            Interlocked.Increment(ref Counters.KeyframeRequestsSent);
        }
    }

    private void SendSubscribe(RelayStreamHandle handle)
    {
        handle.LastSubscribeTicks = Clock.Ticks;
        if (TrySend(new SubscribeMessage(handle.Channel, handle.Name, [])))
        {
            Interlocked.Increment(ref Counters.Subscribes);
        }
    }

    private bool TrySend<T>(in T message) where T : struct, IRelayMessage
    {
        RelaySocket? socket = _current;
        if (socket is null)
        {
            return false;
        }
        try
        {
            socket.Send(message);
            return true;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            socket.Dispose(); // the reader thread notices and reconnects
            return false;
        }
    }

    private void OnTimer()
    {
        TrySend(new HeartbeatMessage(Clock.UnixNowNs()));
        long now = Clock.Ticks;
        long linger = (long)(Options.LingerSeconds * Clock.Frequency);
        lock (_lock)
        {
            List<RelayStreamHandle>? gone = null;
            foreach (RelayStreamHandle handle in _streams.Values)
            {
                if (handle.ReaderCount > 0)
                {
                    handle.Touch();
                    if (handle.NotFound && now - handle.LastSubscribeTicks > 2 * Clock.Frequency)
                    {
                        SendSubscribe(handle); // the stream left the origin while viewers stayed: ask again
                    }
                }
                else if (handle.HasInfo && now - handle.LastUsedTicks > linger)
                {
                    (gone ??= []).Add(handle);
                }
            }
            foreach (RelayStreamHandle handle in gone ?? [])
            {
                _streams.Remove(handle.Name);
                _byChannel.TryRemove(handle.Channel, out _);
                TrySend(new ChannelMessage(RelayMessageType.Unsubscribe, handle.Channel, RelayTrack.Audio));
                Interlocked.Increment(ref Counters.Unsubscribes);
                _retired.Enqueue(handle);
                Log.ClientUnsubscribed(_log, handle.Name, Options.LingerSeconds);
            }
        }
    }

    // ------------------------------------------------------------------ connection thread

    private void Run()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.Enter();
        TimeSpan delay = Options.ReconnectMinDelay;
        while (!_stopping)
        {
            RelaySocket? socket = null;
            string reason = "closed";
            bool authenticated = false;
            try
            {
                Socket raw = RelaySocket.Connect(OriginEndPoint, Options.ConnectTimeout);
                socket = new RelaySocket(raw, Options.MaxFrameLength, Options.DeadAfter);
                socket.SetReceiveTimeout(Options.HandshakeTimeout);
                OriginName = RelayHandshake.RunClient(socket, _secret, Options.NodeName);
                socket.SetReceiveTimeout(Options.DeadAfter);
                authenticated = true;
                Interlocked.Increment(ref Counters.Connects);
                if (_everConnected)
                {
                    Interlocked.Increment(ref Counters.Reconnects);
                }
                _everConnected = true;
                delay = Options.ReconnectMinDelay;
                int count;
                lock (_lock)
                {
                    _current = socket;
                    count = _streams.Count;
                    foreach (RelayStreamHandle handle in _streams.Values)
                    {
                        handle.OnResubscribe();
                        SendSubscribe(handle);
                    }
                }
                Log.ClientConnected(_log, Options.Origin, OriginName, count);
                ReadLoop(socket);
            }
            catch (RelayProtocolException e)
            {
                reason = e.Message;
                if (e.Code == RelayErrorCode.AuthFailed)
                {
                    Interlocked.Increment(ref Counters.AuthFailures);
                    Log.ClientAuthFailed(_log, Options.Origin, e.Message);
                }
                else if (!e.FromPeer)
                {
                    Interlocked.Increment(ref Counters.ProtocolErrors);
                    socket?.TrySendError(RelayMessageType.Error, 0, e.Code, e.Message);
                }
            }
            catch (SocketException e) when (authenticated && e.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                reason = $"nothing heard for {Options.DeadAfter.TotalSeconds} s";
                Interlocked.Increment(ref Counters.Timeouts);
            }
            catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
            {
                reason = e.Message;
                if (!authenticated)
                {
                    Interlocked.Increment(ref Counters.ConnectFailures);
                }
            }
            catch (Exception e)
            {
                reason = "internal error: " + e.Message;
                Log.ClientFailed(_log, e);
            }
            finally
            {
                lock (_lock)
                {
                    _current = null;
                    socket?.Dispose();
                    if (authenticated)
                    {
                        foreach (RelayStreamHandle handle in _streams.Values)
                        {
                            handle.OnDisconnected();
                        }
                    }
                }
                RetirePending();
            }
            if (_stopping)
            {
                break;
            }
            int ms = (int)(delay.TotalMilliseconds * (0.8 + 0.4 * Random.Shared.NextDouble()));
            Log.ClientDisconnected(_log, Options.Origin, reason, ms);
            _stopEvent.Wait(ms);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, Options.ReconnectMaxDelay.Ticks));
        }
    }

    private void RetirePending()
    {
        while (_retired.TryDequeue(out RelayStreamHandle? handle))
        {
            handle.Retire();
        }
    }

    internal static EndPoint ParseEndPoint(string hostPort)
    {
        int colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort.AsSpan(colon + 1), out int port) || port is <= 0 or > 65535)
        {
            throw new ArgumentException($"Relay origin '{hostPort}' is not host:port.", nameof(hostPort));
        }
        string host = hostPort[..colon].Trim('[', ']');
        return IPAddress.TryParse(host, out IPAddress? address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
    }
}
