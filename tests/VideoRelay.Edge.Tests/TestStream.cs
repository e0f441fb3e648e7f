using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Edge.Tests;

/// <summary>A stream handle over core's <see cref="TrackDistributor"/>s: one video rendition ("source") and Opus audio.</summary>
internal sealed class TestStream : IStreamHandle, IDisposable
{
    public TestStream(string name, CodecConfig videoConfig, bool withAudio = true)
    {
        Name = name;
        Video = new TrackDistributor($"{name}/video", keepGop: true);
        Audio = new TrackDistributor($"{name}/audio", keepGop: false);
        Renditions = [new RenditionInfo(0, "source", videoConfig.Width, videoConfig.Height, 1000, videoConfig)];
        AudioConfig = withAudio ? new CodecConfig { Codec = CodecId.Opus, SampleRate = 48000, Channels = 2 } : null;
    }

    public string Name { get; }
    public bool IsLive => true;
    public IReadOnlyList<RenditionInfo> Renditions { get; }
    public CodecConfig? AudioConfig { get; }
    public TrackDistributor Video { get; }
    public TrackDistributor Audio { get; }
    public int KeyframeRequests => Volatile.Read(ref _keyframeRequests);

    private int _keyframeRequests;

    public event Action? Changed
    {
        add { }
        remove { }
    }

    public void Subscribe(int renditionId, FrameReader reader, bool withAudio)
    {
        Video.Subscribe(reader);
        if (withAudio)
        {
            Audio.Subscribe(reader);
        }
    }

    public void SubscribeAudio(FrameReader reader) => Audio.Subscribe(reader);

    public void RequestKeyframe(int renditionId) => Interlocked.Increment(ref _keyframeRequests);

    public void Dispose()
    {
        Video.Dispose();
        Audio.Dispose();
    }
}
