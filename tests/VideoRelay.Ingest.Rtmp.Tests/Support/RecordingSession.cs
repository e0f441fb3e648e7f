using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>Records what a publisher sent; releases every lease it is given.</summary>
internal sealed class RecordingSession(RecordingAuthority owner, string streamName, int streamId) : IPublishSession
{
    private readonly Lock _lock = new();
    private readonly List<RecordedFrame> _frames = [];
    private readonly List<CodecConfig> _configs = [];
    private IReadOnlyDictionary<string, object?>? _metadata;
    private int _disposed;

    public string StreamName { get; } = streamName;
    public int StreamId { get; } = streamId;
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public IReadOnlyList<RecordedFrame> Frames
    {
        get
        {
            lock (_lock)
            {
                return [.. _frames];
            }
        }
    }

    public IReadOnlyList<CodecConfig> Configs
    {
        get
        {
            lock (_lock)
            {
                return [.. _configs];
            }
        }
    }

    public IReadOnlyDictionary<string, object?>? Metadata
    {
        get
        {
            lock (_lock)
            {
                return _metadata;
            }
        }
    }

    public void OnConfig(CodecConfig config)
    {
        lock (_lock)
        {
            _configs.Add(config);
        }
    }

    public void OnFrame(in MediaFrame frame)
    {
        var recorded = new RecordedFrame(frame.Codec, frame.Flags, frame.Pts, frame.Dts, frame.Sequence,
            frame.Payload.ToArray(), frame.Config, frame.Timing.CaptureUnixNs, frame.Timing[Hop.IngestRx], frame.Timing[Hop.Demuxed]);
        Assert.Equal(StreamId, frame.StreamId);
        frame.Release();
        lock (_lock)
        {
            _frames.Add(recorded);
        }
    }

    public void OnMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
        lock (_lock)
        {
            _metadata = metadata;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            owner.OnEnded(this);
        }
    }
}
