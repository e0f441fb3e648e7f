namespace VideoRelay.Core.Streams;

/// <summary>Per-rendition figures for listings.</summary>
public sealed record RenditionStats(
    string Name,
    int Width,
    int Height,
    double Fps,
    double BitrateKbps,
    long DroppedFrames,
    double EncodeP50Ms,
    double EncodeP99Ms,
    int Viewers);
