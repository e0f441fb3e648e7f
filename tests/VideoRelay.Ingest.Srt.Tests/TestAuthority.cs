using System.Collections.Concurrent;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.Srt.Tests;

/// <summary>An authority with fixed stream keys (null = no key); one publisher per stream.</summary>
internal sealed class TestAuthority(IReadOnlyDictionary<string, string?> keys) : IPublishAuthority
{
    private readonly ConcurrentDictionary<string, TestSession> _live = new();

    public ConcurrentQueue<TestSession> Sessions { get; } = new();

    public ConcurrentQueue<PublishRequest> Requests { get; } = new();

    public PublishResult TryStartPublish(PublishRequest request, out IPublishSession? session)
    {
        Requests.Enqueue(request);
        session = null;
        if (!keys.TryGetValue(request.StreamName, out string? key))
        {
            return PublishResult.Refused;
        }
        if (key is not null && key != request.Key)
        {
            return PublishResult.BadKey;
        }
        var created = new TestSession(request.StreamName, s => _live.TryRemove(s.Name, out _));
        if (!_live.TryAdd(request.StreamName, created))
        {
            return PublishResult.AlreadyPublishing;
        }
        Sessions.Enqueue(created);
        session = created;
        return PublishResult.Accepted;
    }
}
