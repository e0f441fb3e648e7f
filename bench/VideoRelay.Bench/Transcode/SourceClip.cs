using VideoRelay.Core.Media;

namespace VideoRelay.Bench.Transcode;

/// <summary>A pre-encoded H.264 source in memory: AVCC access units in display order (no B-frames) and their configuration.</summary>
public sealed record SourceClip(string Description, IReadOnlyList<byte[]> Units, IReadOnlyList<bool> Keyframes, CodecConfig Config)
{
    public long TotalBytes => Units.Sum(u => (long)u.Length);

    public double MegabitsPerSecond(int fps) => TotalBytes * 8.0 / (Units.Count / (double)fps) / 1e6;
}
