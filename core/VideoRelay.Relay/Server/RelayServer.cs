using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Server;

/// <summary>
/// The origin side of the relay: edges connect over TCP, prove the cluster secret, subscribe to streams of the
/// <see cref="IStreamCatalog"/> (the stream registry on an origin, or a <see cref="Client.RelayClient"/> on an edge that
/// serves a cascade) and receive their frames. One thread reads and one writes per edge connection.
/// </summary>
/// <remarks>
/// A bad peer (garbage, lengths over the bound, truncated messages, a wrong secret, silence) ends its own connection
/// with a logged reason and a counter in <see cref="Counters"/>; the server keeps serving every other edge.
/// </remarks>
public sealed class RelayServer : IHostedService, IDisposable
{
    private readonly IStreamCatalog _catalog;
    private readonly ILogger _log;
    private readonly byte[] _secret;
    private readonly ConcurrentDictionary<long, (RelayServerSession Session, Thread Thread)> _sessions = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextId;
    private int _stopped;

    /// <param name="pool">The node's media pool (kept for symmetry with the client; the server sends from the frames' own leases).</param>
    public RelayServer(RelayServerOptions options, IStreamCatalog catalog, TieredBufferPool pool, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(pool);
        if (string.IsNullOrEmpty(options.Secret))
        {
            throw new ArgumentException("The relay needs a cluster secret (Relay__Secret).", nameof(options));
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFrameLength, 64 * 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        Options = options;
        _catalog = catalog;
        _log = log ?? NullLogger.Instance;
        _secret = AuthMessage.SecretBytes(options.Secret);
    }

    public RelayServerOptions Options { get; }

    public RelayServerCounters Counters { get; } = new();

    /// <summary>The bound address (after <see cref="Start"/>), with the real port when 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("The relay server is not started."));

    /// <summary>Edge connections open now.</summary>
    public int ConnectionCount => _sessions.Count;

    /// <summary>Binds and starts accepting edges.</summary>
    public void Start()
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The relay server is already started.");
        }
        Socket listener = VideoRelay.Core.Net.ListeningSocket.Open(Options.EndPoint);
        _listener = listener;
        Log.Listening(_log, listener.LocalEndPoint!.ToString()!);
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
    }

    /// <summary>Stops accepting and closes every edge connection (CLOSE with "shutdown"), waiting for their threads.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _listener is null)
        {
            return;
        }
        _stopping.Cancel();
        _listener.Dispose();
        _acceptLoop?.Wait(TimeSpan.FromSeconds(5));
        foreach ((RelayServerSession session, Thread _) in _sessions.Values)
        {
            session.Close("server shutting down", RelayErrorCode.Shutdown);
        }
        foreach ((RelayServerSession _, Thread thread) in _sessions.Values)
        {
            thread.Join(TimeSpan.FromSeconds(5));
        }
        Log.Stopped(_log);
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
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        CancellationToken token = _stopping.Token;
        while (!token.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            Interlocked.Increment(ref Counters.ConnectionsAccepted);
            if (_sessions.Count >= Options.MaxConnections)
            {
                Interlocked.Increment(ref Counters.ConnectionsRefusedFull);
                Log.ServerFull(_log, Options.MaxConnections, socket.RemoteEndPoint?.ToString() ?? "?");
                socket.Dispose();
                continue;
            }
            long id = Interlocked.Increment(ref _nextId);
            var session = new RelayServerSession(id, socket, Options, _secret, _catalog, Counters, _log);
            var thread = new Thread(() => RunSession(session)) { IsBackground = true, Name = $"relay-recv-{id}" };
            _sessions[id] = (session, thread);
            thread.Start();
        }
    }

    private void RunSession(RelayServerSession session)
    {
        Interlocked.Increment(ref Counters.ConnectionsActive);
        try
        {
            session.Run();
        }
        finally
        {
            _sessions.TryRemove(session.Id, out _);
            Interlocked.Decrement(ref Counters.ConnectionsActive);
        }
    }
}
