using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.MpegTs.Tests;

/// <summary>An <see cref="IPublishSession"/> that copies what it receives and releases each lease at once.</summary>
internal sealed class RecordingSession : IPublishSession
{
    public sealed record Frame(CodecId Codec, FrameFlags Flags, long Pts, long Dts, int Duration, long Sequence, byte[] Payload, CodecConfig? Config, TimingRecord Timing)
    {
        public bool IsKeyframe => (Flags & FrameFlags.Keyframe) != 0;
    }

    public List<Frame> Frames { get; } = [];
    public List<CodecConfig> Configs { get; } = [];
    public bool Disposed { get; private set; }
    public int StreamId => 7;

    public IEnumerable<Frame> Video => Frames.Where(f => f.Codec == CodecId.H264);
    public IEnumerable<Frame> Audio => Frames.Where(f => f.Codec == CodecId.Aac);

    public void OnConfig(CodecConfig config) => Configs.Add(config);

    public void OnFrame(in MediaFrame frame)
    {
        Assert.Equal(StreamId, frame.StreamId);
        Frames.Add(new Frame(frame.Codec, frame.Flags, frame.Pts, frame.Dts, frame.Duration, frame.Sequence, frame.Payload.ToArray(), frame.Config, frame.Timing));
        frame.Release();
    }

    public void OnMetadata(IReadOnlyDictionary<string, object?> metadata)
    {
    }

    public void Dispose() => Disposed = true;
}
