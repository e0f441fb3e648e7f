using VideoRelay.Core.Timing;

namespace VideoRelay.Transcode;

/// <summary>Counters of one rendition, updated by its encoder thread, readable from any thread.</summary>
public sealed class RenditionStats
{
    internal long FramesInCount;
    internal long FramesOutCount;
    internal long DroppedCount;
    internal long EncodeErrorCount;
    internal long KeyframeCount;
    internal long BytesOutCount;

    internal RenditionStats(int id, RenditionSpec spec, int width, int height)
    {
        Id = id;
        Name = spec.Name;
        Bitrate = spec.Bitrate;
        Width = width;
        Height = height;
        EncodeTime = new LatencyHistogram($"transcode.{spec.Name}.encode");
        Latency = new LatencyHistogram($"transcode.{spec.Name}.latency");
    }

    /// <summary>Rendition number (1..N; 0 is the passthrough source).</summary>
    public int Id { get; }
    public string Name { get; }
    public int Width { get; }
    public int Height { get; }
    public int Bitrate { get; }

    /// <summary>Decoded pictures offered to this rendition.</summary>
    public long FramesIn => Interlocked.Read(ref FramesInCount);

    /// <summary>Encoded frames delivered.</summary>
    public long FramesOut => Interlocked.Read(ref FramesOutCount);

    /// <summary>Pictures dropped because the encoder's queue was full (it fell behind real time) or no buffer was free.</summary>
    public long Dropped => Interlocked.Read(ref DroppedCount);

    public long EncodeErrors => Interlocked.Read(ref EncodeErrorCount);
    public long Keyframes => Interlocked.Read(ref KeyframeCount);
    public long BytesOut => Interlocked.Read(ref BytesOutCount);

    /// <summary>Scale + encode + copy-out time per frame, ns.</summary>
    public LatencyHistogram EncodeTime { get; }

    /// <summary>TranscodeStart → TranscodeEnd per frame (decode, queueing, scale, encode), ns.</summary>
    public LatencyHistogram Latency { get; }

    public override string ToString() =>
        $"{Name} {Width}x{Height} {Bitrate / 1000} kbit/s: in {FramesIn}, out {FramesOut}, dropped {Dropped}, encode p50 {EncodeTime.Summarize().P50 / 1000} µs";
}
