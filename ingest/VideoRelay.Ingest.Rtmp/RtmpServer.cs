using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Streams;
using VideoRelay.Ingest.Rtmp.Session;

namespace VideoRelay.Ingest.Rtmp;

/// <summary>
/// RTMP ingest (OBS, ffmpeg and other encoders publishing to <c>rtmp://host/{app}/{stream}?key={key}</c>):
/// accepts TCP connections, runs one task per connection, and hands each accepted publish to the
/// <see cref="IPublishAuthority"/> as a stream of <see cref="Core.Media.MediaFrame"/>s in pooled buffers.
/// </summary>
/// <remarks>
/// A bad publisher (garbage, oversize chunks or messages, bad AMF, a refused key, B-frames, timeouts) ends its
/// own connection with a logged reason and a counter in <see cref="Counters"/>; the server keeps serving.
/// </remarks>
public sealed class RtmpServer : IHostedService, IAsyncDisposable
{
    private readonly IPublishAuthority _authority;
    private readonly TieredBufferPool _pool;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<long, Task> _connections = new();
    private readonly CancellationTokenSource _stopping = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private long _nextId;
    private int _stopped;

    public RtmpServer(IPublishAuthority authority, TieredBufferPool pool, RtmpServerOptions? options = null, ILogger<RtmpServer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(pool);
        _authority = authority;
        _pool = pool;
        Options = options ?? new RtmpServerOptions();
        _logger = logger ?? (ILogger)NullLogger.Instance;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxChunkSize, 128);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxMessageLength, 1024);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.OutChunkSize, 128);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxConnections, 1);
    }

    public RtmpServerOptions Options { get; }

    public RtmpServerCounters Counters { get; } = new();

    /// <summary>The bound address (after <see cref="StartAsync"/>), with the real port when 0 was asked for.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint)(_listener?.LocalEndPoint ?? throw new InvalidOperationException("The RTMP server is not started."));

    /// <summary>Binds and starts accepting.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listener is not null)
        {
            throw new InvalidOperationException("The RTMP server is already started.");
        }
        Socket listener = VideoRelay.Core.Net.ListeningSocket.Open(Options.EndPoint);
        _listener = listener;
        Log.Listening(_logger, listener.LocalEndPoint!);
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every connection (ending their publishes) and waits for them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || _listener is null)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        await Task.WhenAll(_connections.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        Log.Stopped(_logger);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
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
            catch (SocketException e) when (token.IsCancellationRequested || e.SocketErrorCode == SocketError.OperationAborted)
            {
                return;
            }
            catch (SocketException e)
            {
                Log.AcceptFailed(_logger, e);
                continue;
            }

            if (Counters.ConnectionsActive >= Options.MaxConnections)
            {
                Counters.OnRefusedAtAccept();
                Log.ServerFull(_logger, socket.RemoteEndPoint, Options.MaxConnections);
                socket.Dispose();
                continue;
            }
            socket.NoDelay = true;
            long id = Interlocked.Increment(ref _nextId);
            Counters.OnAccepted();
            Log.Accepted(_logger, id, socket.RemoteEndPoint);
            var connection = new RtmpConnection(id, socket, _authority, _pool, Options, Counters, _logger);
            Task task = Task.Run(() => connection.RunAsync(token), CancellationToken.None);
            _connections[id] = task;
            _ = task.ContinueWith(
                (_, state) => _connections.TryRemove((long)state!, out Task? _),
                id,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }
}
