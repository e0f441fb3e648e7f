using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;

namespace VideoRelay.Ingest;

/// <summary>
/// Stream name → <see cref="LiveStream"/>. Decides who may publish (keys from configuration, one publisher per
/// stream unless take-over is allowed), keeps a stream lingering after its publisher drops so a reconnecting
/// encoder resumes into the same viewers, and lists streams for /api/streams. The edge finds streams here
/// (<see cref="IStreamCatalog"/>) in the all-in-one node.
/// </summary>
public sealed class StreamRegistry : IPublishAuthority, IStreamCatalog, IDisposable
{
    private readonly ConcurrentDictionary<string, LiveStream> _streams = new(StringComparer.Ordinal);
    private readonly IngestOptions _options;
    private readonly IStreamTranscoderFactory? _transcoders;
    private readonly ILogger _log;
    private readonly Timer _sweeper;
    private readonly Lock _lock = new();
    private int _nextId;
    private long _refusedBadKey;
    private long _refusedBusy;
    private long _refusedOther;

    public StreamRegistry(IngestOptions options, IStreamTranscoderFactory? transcoders = null, ILogger<StreamRegistry>? log = null)
    {
        _options = options;
        _transcoders = transcoders;
        _log = log ?? (ILogger)NullLogger.Instance;
        _sweeper = new Timer(_ => Sweep(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        if (options.Streams.Count == 0)
        {
            Log.OpenPublishing(_log);
        }
    }

    public long RefusedBadKey => Interlocked.Read(ref _refusedBadKey);
    public long RefusedBusy => Interlocked.Read(ref _refusedBusy);
    public long RefusedOther => Interlocked.Read(ref _refusedOther);

    public IEnumerable<LiveStream> Streams => _streams.Values;

    public bool TryGet(string name, out LiveStream? stream) => _streams.TryGetValue(name, out stream);

    public PublishResult TryStartPublish(PublishRequest request, out IPublishSession? session)
    {
        session = null;
        if (!IsValidName(request.StreamName))
        {
            Interlocked.Increment(ref _refusedOther);
            Log.PublishRefused(_log, request.StreamName, request.Protocol, request.Remote?.ToString(), "invalid stream name");
            return PublishResult.Refused;
        }
        if (_options.Streams.Count > 0)
        {
            if (!_options.Streams.TryGetValue(request.StreamName, out StreamKeyOptions? configured))
            {
                Interlocked.Increment(ref _refusedOther);
                Log.PublishRefused(_log, request.StreamName, request.Protocol, request.Remote?.ToString(), "no such stream is configured");
                return PublishResult.Refused;
            }
            if (configured.Key is { Length: > 0 } key && !FixedTimeEquals(key, request.Key))
            {
                Interlocked.Increment(ref _refusedBadKey);
                Log.PublishRefused(_log, request.StreamName, request.Protocol, request.Remote?.ToString(), "wrong publish key");
                return PublishResult.BadKey;
            }
        }
        lock (_lock)
        {
            LiveStream stream = _streams.GetOrAdd(request.StreamName, name => new LiveStream(Interlocked.Increment(ref _nextId), name));
            if (stream.IsLive && !_options.AllowTakeover)
            {
                Interlocked.Increment(ref _refusedBusy);
                Log.PublishRefused(_log, request.StreamName, request.Protocol, request.Remote?.ToString(), "already being published");
                return PublishResult.AlreadyPublishing;
            }
            var publish = new PublishSession(this, stream, request);
            IStreamTranscoder? transcoder = _transcoders?.Create(request.StreamName, stream);
            stream.Attach(publish, transcoder);
            session = publish;
        }
        Log.PublishStarted(_log, request.StreamName, request.Protocol, request.Remote?.ToString());
        return PublishResult.Accepted;
    }

    internal void OnPublisherGone(PublishSession session)
    {
        session.Stream.Detach(session);
        Log.PublishEnded(_log, session.Stream.Name, session.Request.Protocol, _options.LingerSeconds);
    }

    public ValueTask<IStreamHandle?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IStreamHandle?>(_streams.TryGetValue(name, out LiveStream? s) ? s : null);

    public IReadOnlyList<StreamInfo> List() => _streams.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => s.Describe()).ToList();

    private void Sweep()
    {
        foreach (LiveStream stream in _streams.Values)
        {
            if (!stream.IsLive && stream.OfflineSinceTicks != 0 &&
                Clock.TicksToNs(Clock.Ticks - stream.OfflineSinceTicks) > _options.LingerSeconds * 1e9)
            {
                lock (_lock)
                {
                    if (!stream.IsLive && _streams.TryRemove(new KeyValuePair<string, LiveStream>(stream.Name, stream)))
                    {
                        stream.Dispose();
                        Log.StreamRemoved(_log, stream.Name);
                    }
                }
            }
        }
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool FixedTimeEquals(string expected, string? given) =>
        given is not null && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(given));

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (LiveStream stream in _streams.Values)
        {
            stream.Dispose();
        }
        _streams.Clear();
    }
}
