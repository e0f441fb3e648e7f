using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.Srt.Tests;

/// <summary>A thread-safe recording session (frames arrive on the SRT receive thread).</summary>
internal sealed class TestSession(string name, Action<TestSession> onDispose) : IPublishSession
{
    private readonly Lock _lock = new();
    private readonly List<(CodecId Codec, bool Key, long Pts, TimingRecord Timing)> _frames = [];
    private readonly List<CodecConfig> _configs = [];
    private readonly ManualResetEventSlim _disposed = new();

    public string Name => name;

    public int StreamId => 3;

    public bool IsDisposed => _disposed.IsSet;

    public (CodecId Codec, bool Key, long Pts, TimingRecord Timing)[] Frames
    {
        get
        {
            lock (_lock)
            {
                return [.. _frames];
            }
        }
    }

    public CodecConfig[] Configs
    {
        get
        {
            lock (_lock)
            {
                return [.. _configs];
            }
        }
    }

    public bool WaitDisposed(TimeSpan timeout) => _disposed.Wait(timeout);

    public void OnConfig(CodecConfig config)
    {
        lock (_lock)
        {
            _configs.Add(config);
        }
    }

    public void OnFrame(in MediaFrame frame)
    {
        lock (_lock)
        {
            _frames.Add((frame.Codec, frame.IsKeyframe, frame.Pts, frame.Timing));
        }
        frame.Release();
    }

    public void OnMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
    }

    public void Dispose()
    {
        if (!_disposed.IsSet)
        {
            onDispose(this);
            _disposed.Set();
        }
    }
}
