using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>
/// An <see cref="IPublishAuthority"/> that checks one key, allows one live publisher per stream name
/// (so a session that is not disposed shows up as AlreadyPublishing) and keeps every session it handed out.
/// </summary>
internal sealed class RecordingAuthority(string? requiredKey = "k") : IPublishAuthority
{
    private readonly Lock _lock = new();
    private readonly List<RecordingSession> _sessions = [];
    private readonly List<PublishRequest> _requests = [];
    private readonly HashSet<string> _live = [];
    private int _nextId;

    public IReadOnlyList<RecordingSession> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions];
            }
        }
    }

    public IReadOnlyList<PublishRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return [.. _requests];
            }
        }
    }

    public PublishResult TryStartPublish(PublishRequest request, out IPublishSession? session)
    {
        lock (_lock)
        {
            _requests.Add(request);
            session = null;
            if (requiredKey is not null && request.Key != requiredKey)
            {
                return PublishResult.BadKey;
            }
            if (!_live.Add(request.StreamName))
            {
                return PublishResult.AlreadyPublishing;
            }
            var recording = new RecordingSession(this, request.StreamName, ++_nextId);
            _sessions.Add(recording);
            session = recording;
            return PublishResult.Accepted;
        }
    }

    internal void OnEnded(RecordingSession session)
    {
        lock (_lock)
        {
            _live.Remove(session.StreamName);
        }
    }
}
