using VideoRelay.Core.Media;

namespace VideoRelay.Core.Streams;

/// <summary>A rendition viewers can choose: "source" (passthrough) or a transcoded rung like "360p".</summary>
public sealed record RenditionInfo(int Id, string Name, int Width, int Height, int BitrateKbps, CodecConfig? VideoConfig);
