using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest;

/// <summary>One publisher's feed into a <see cref="LiveStream"/> (see <see cref="IPublishSession"/>).</summary>
internal sealed class PublishSession : IPublishSession
{
    private readonly StreamRegistry _registry;
    private int _disposed;
    private int _superseded;
    private bool _timelineSet;
    private long _timelineOffset;

    public PublishSession(StreamRegistry registry, LiveStream stream, PublishRequest request)
    {
        _registry = registry;
        Stream = stream;
        Request = request;
    }

    public LiveStream Stream { get; }
    public PublishRequest Request { get; }
    public int StreamId => Stream.Id;

    /// <summary>Another publisher took the stream over; this one's frames are now ignored.</summary>
    public bool IsSuperseded => Volatile.Read(ref _superseded) != 0;

    public void Supersede() => Volatile.Write(ref _superseded, 1);

    public void OnConfig(CodecConfig config) => Stream.OnSourceConfig(this, config);

    public void OnFrame(in MediaFrame frame)
    {
        try
        {
            MediaFrame f = frame;
            f.StreamId = Stream.Id;
            f.RenditionId = 0;
            if (!_timelineSet)
            {
                // A publisher that reconnects starts its timestamps again (usually at 0); continue the stream's
                // timeline instead, so viewers who stayed attached see time move forward, not jump back.
                _timelineOffset = Stream.NextTimelineStart(frame.Dts);
                _timelineSet = true;
            }
            f.Pts += _timelineOffset;
            f.Dts += _timelineOffset;
            Stream.OnSourceFrame(this, f);
        }
        finally
        {
            frame.Release();
        }
    }

    public void OnMetadata(IReadOnlyDictionary<string, object?> metadata) => Stream.OnSourceMetadata(metadata);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _registry.OnPublisherGone(this);
        }
    }
}
