namespace VideoRelay.Core.Streams;

/// <summary>What listings (/api/streams) show of a stream.</summary>
public sealed record StreamInfo(
    string Name,
    bool Live,
    string? Protocol,
    string? Publisher,
    double UptimeSeconds,
    string? VideoCodec,
    int Width,
    int Height,
    double Fps,
    double BitrateKbps,
    string? AudioCodec,
    int Viewers,
    IReadOnlyList<RenditionStats> Renditions);
