using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Transport;

namespace VideoRelay.Relay.Server;

/// <summary>
/// One edge's connection to this relay server: a reader thread (handshake, then SUBSCRIBE / UNSUBSCRIBE /
/// KEYFRAME_REQUEST / HEARTBEAT) and a writer thread that owns the subscriptions, drains their frame readers into
/// FRAME messages and sends heartbeats. A slow edge only fills its own readers, which drop (counted): the origin's
/// producers never wait for it.
/// </summary>
internal sealed class RelayServerSession
{
    private const int DrainBudget = 64;

    private readonly RelaySocket _socket;
    private readonly RelayServerOptions _options;
    private readonly IStreamCatalog _catalog;
    private readonly RelayServerCounters _counters;
    private readonly ILogger _log;
    private readonly byte[] _secret;
    private readonly SpscWaiter _waiter = new();
    private readonly ConcurrentQueue<(uint Channel, ServerSubscription? Add)> _commands = new();
    private readonly ConcurrentDictionary<uint, IStreamHandle> _channels = new();
    private readonly List<ServerSubscription> _subscriptions = []; // writer thread only
    private Thread? _writer;
    private volatile bool _closing;
    private string _peerName = "?";
    private long _lastDropLogTicks;

    public RelayServerSession(long id, Socket socket, RelayServerOptions options, byte[] secret, IStreamCatalog catalog, RelayServerCounters counters, ILogger log)
    {
        Id = id;
        _options = options;
        _secret = secret;
        _catalog = catalog;
        _counters = counters;
        _log = log;
        _socket = new RelaySocket(socket, options.MaxFrameLength, options.DeadAfter);
    }

    public long Id { get; }

    /// <summary>Frames dropped for this edge so far.</summary>
    public long Dropped { get; private set; }

    /// <summary>The connection's thread: handshake, then the read loop; returns when the connection is over.</summary>
    public void Run()
    {
        string reason = "closed by the edge";
        string remote = _socket.Remote?.ToString() ?? "?";
        try
        {
            _socket.SetReceiveTimeout(_options.HandshakeTimeout);
            _peerName = RelayHandshake.RunServer(_socket, _secret, _options.NodeName);
            Interlocked.Increment(ref _counters.Authenticated);
            Log.EdgeAuthenticated(_log, Id, remote, _peerName);
            _socket.SetReceiveTimeout(_options.DeadAfter);
            _writer = new Thread(WriteLoop) { IsBackground = true, Name = $"relay-send-{Id}" };
            _writer.Start();
            ReadLoop();
        }
        catch (RelayProtocolException e)
        {
            reason = e.Message;
            if (e.Code == RelayErrorCode.AuthFailed)
            {
                Interlocked.Increment(ref _counters.AuthFailures);
                Log.EdgeRefused(_log, Id, remote, e.Message);
            }
            else if (!e.FromPeer)
            {
                Interlocked.Increment(ref _counters.ProtocolErrors);
                _socket.TrySendError(RelayMessageType.Error, 0, e.Code, e.Message);
            }
        }
        catch (EndOfStreamException e)
        {
            reason = _writer is null ? "closed during the handshake" : e.Message;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut || e.SocketErrorCode == SocketError.WouldBlock)
        {
            reason = _writer is null ? "handshake timed out" : $"nothing heard for {_options.DeadAfter.TotalSeconds} s";
            Interlocked.Increment(ref _counters.Timeouts);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            reason = _closing ? "closed" : e.Message;
        }
        catch (Exception e)
        {
            reason = "internal error: " + e.Message;
            Log.SessionFailed(_log, Id, e);
        }
        finally
        {
            Close(reason);
            _writer?.Join(TimeSpan.FromSeconds(5));
        }
    }

    /// <summary>Any thread: ends the connection (the writer thread notices and releases its readers).</summary>
    public void Close(string reason, RelayErrorCode code = RelayErrorCode.None)
    {
        if (_closing)
        {
            return;
        }
        _closing = true;
        if (code != RelayErrorCode.None)
        {
            _socket.TrySendError(RelayMessageType.Close, 0, code, reason);
        }
        _socket.Dispose();
        _waiter.Notify();
        Log.EdgeClosed(_log, Id, _peerName, reason);
    }

    // ------------------------------------------------------------------ reader thread

    private void ReadLoop()
    {
        while (!_closing)
        {
            RelayMessageHeader header = _socket.ReadHeader();
            if (header.Type == RelayMessageType.Frame)
            {
                throw new RelayProtocolException(RelayErrorCode.Protocol, "an edge does not send FRAME");
            }
            ReadOnlySpan<byte> body = _socket.ReadControlBody(header);
            switch (header.Type)
            {
                case RelayMessageType.Subscribe:
                    OnSubscribe(body);
                    break;
                case RelayMessageType.Unsubscribe:
                    if (ChannelMessage.TryRead(header.Type, body, out ChannelMessage unsubscribe, out _) && _channels.TryRemove(unsubscribe.Channel, out _))
                    {
                        _commands.Enqueue((unsubscribe.Channel, null));
                        _waiter.Notify();
                    }
                    break;
                case RelayMessageType.KeyframeRequest:
                    if (!ChannelMessage.TryRead(header.Type, body, out ChannelMessage request, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed KEYFRAME_REQUEST");
                    }
                    if (_channels.TryGetValue(request.Channel, out IStreamHandle? handle) && request.Track < RelayTrack.MaxRenditions)
                    {
                        Interlocked.Increment(ref _counters.KeyframeRequests);
                        handle.RequestKeyframe(request.Track);
                    }
                    break;
                case RelayMessageType.Heartbeat:
                    if (!HeartbeatMessage.TryRead(body, out _, out _))
                    {
                        throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed HEARTBEAT");
                    }
                    break;
                case RelayMessageType.Error:
                case RelayMessageType.Close:
                    ErrorMessage.TryRead(header.Type, body, out ErrorMessage error, out _);
                    if (header.Type == RelayMessageType.Close || error.Channel == 0)
                    {
                        throw new RelayProtocolException(error.Code, $"edge sent {header.Type}: {error.Code} {error.Text}", fromPeer: true);
                    }
                    break;
                default:
                    throw new RelayProtocolException(RelayErrorCode.Protocol, $"unexpected {header.Type} from an edge");
            }
        }
    }

    private void OnSubscribe(ReadOnlySpan<byte> body)
    {
        if (!SubscribeMessage.TryRead(body, out SubscribeMessage subscribe, out _))
        {
            throw new RelayProtocolException(RelayErrorCode.Protocol, "malformed SUBSCRIBE");
        }
        if (_channels.ContainsKey(subscribe.Channel))
        {
            _socket.Send(new ErrorMessage(RelayMessageType.Error, subscribe.Channel, RelayErrorCode.BadChannel, "channel already subscribed"));
            return;
        }
        if (_channels.Count >= _options.MaxChannelsPerConnection)
        {
            _socket.Send(new ErrorMessage(RelayMessageType.Error, subscribe.Channel, RelayErrorCode.Limit, "too many channels on this connection"));
            return;
        }
        IStreamHandle? handle = Find(subscribe.StreamName);
        if (handle is null)
        {
            Interlocked.Increment(ref _counters.SubscribeNotFound);
            _socket.Send(new ErrorMessage(RelayMessageType.Error, subscribe.Channel, RelayErrorCode.NotFound, $"no stream '{subscribe.StreamName}'"));
            return;
        }
        _channels[subscribe.Channel] = handle;
        var subscription = new ServerSubscription(subscribe.Channel, handle, subscribe.Renditions, _waiter, _options, Id);
        _commands.Enqueue((subscribe.Channel, subscription));
        _waiter.Notify();
        Interlocked.Increment(ref _counters.Subscriptions);
        Log.Subscribed(_log, Id, subscribe.StreamName, subscribe.Channel);
    }

    private IStreamHandle? Find(string name)
    {
        ValueTask<IStreamHandle?> find = _catalog.FindAsync(name);
        if (find.IsCompletedSuccessfully)
        {
            return find.Result;
        }
        Task<IStreamHandle?> task = find.AsTask();
        return task.Wait(_options.FindTimeout) ? task.Result : null;
    }

    // ------------------------------------------------------------------ writer thread

    private void WriteLoop()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.Enter();
        long nextHeartbeat = 0;
        try
        {
            while (!_closing)
            {
                ApplyCommands();
                int sent = 0;
                foreach (ServerSubscription subscription in _subscriptions)
                {
                    subscription.AnnounceChanges(_socket);
                    sent += subscription.Drain(_socket, DrainBudget, _counters);
                }
                long now = Clock.Ticks;
                if (now >= nextHeartbeat)
                {
                    _socket.Send(new HeartbeatMessage(Clock.UnixNowNs()));
                    nextHeartbeat = now + (long)(_options.HeartbeatInterval.TotalSeconds * Clock.Frequency);
                    CountDrops(now);
                    ReplaceStaleHandles();
                }
                if (sent == 0)
                {
                    _waiter.Wait(new HasWork(this), 100);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            Close(_closing ? "closed" : $"send failed: {e.Message}");
        }
        catch (Exception e)
        {
            Log.SessionFailed(_log, Id, e);
            Close("internal error: " + e.Message);
        }
        finally
        {
            CountDrops(Clock.Ticks);
            foreach (ServerSubscription subscription in _subscriptions)
            {
                subscription.Dispose();
            }
            _subscriptions.Clear();
            while (_commands.TryDequeue(out (uint Channel, ServerSubscription? Add) command))
            {
                command.Add?.Dispose();
            }
        }
    }

    private void ApplyCommands()
    {
        while (_commands.TryDequeue(out (uint Channel, ServerSubscription? Add) command))
        {
            if (command.Add is not null)
            {
                _subscriptions.Add(command.Add);
                continue;
            }
            int index = _subscriptions.FindIndex(s => s.Channel == command.Channel);
            if (index >= 0)
            {
                ServerSubscription gone = _subscriptions[index];
                _subscriptions.RemoveAt(index);
                long drops = gone.TakeNewDrops();
                Dropped += drops;
                Interlocked.Add(ref _counters.FramesDropped, drops);
                gone.Dispose();
            }
        }
    }

    /// <summary>
    /// A stream that went offline may be replaced in the catalog by a new one of the same name (the registry drops a
    /// stream after its linger and makes a new one for the next publisher): follow it, so the edge resumes by itself.
    /// </summary>
    private void ReplaceStaleHandles()
    {
        for (int i = 0; i < _subscriptions.Count; i++)
        {
            ServerSubscription old = _subscriptions[i];
            if (old.Handle.IsLive)
            {
                continue;
            }
            ValueTask<IStreamHandle?> find = _catalog.FindAsync(old.Handle.Name);
            if (!find.IsCompletedSuccessfully || find.Result is not { } fresh || ReferenceEquals(fresh, old.Handle) ||
                !_channels.TryUpdate(old.Channel, fresh, old.Handle))
            {
                continue;
            }
            _subscriptions[i] = new ServerSubscription(old.Channel, fresh, old.Wanted, _waiter, _options, Id);
            long drops = old.TakeNewDrops();
            Dropped += drops;
            Interlocked.Add(ref _counters.FramesDropped, drops);
            old.Dispose();
        }
    }

    private void CountDrops(long now)
    {
        long delta = 0;
        string? stream = null;
        foreach (ServerSubscription subscription in _subscriptions)
        {
            long d = subscription.TakeNewDrops();
            if (d > 0)
            {
                delta += d;
                stream = subscription.Handle.Name;
            }
        }
        if (delta == 0)
        {
            return;
        }
        Dropped += delta;
        Interlocked.Add(ref _counters.FramesDropped, delta);
        if (Clock.TicksToNs(now - _lastDropLogTicks) > 5_000_000_000)
        {
            _lastDropLogTicks = now;
            Log.SlowEdge(_log, Id, stream!, delta);
        }
    }

    private readonly struct HasWork(RelayServerSession session) : IWaitCondition
    {
        public bool IsReady
        {
            get
            {
                if (session._closing || !session._commands.IsEmpty)
                {
                    return true;
                }
                foreach (ServerSubscription subscription in session._subscriptions)
                {
                    if (subscription.HasWork)
                    {
                        return true;
                    }
                }
                return false;
            }
        }
    }
}
