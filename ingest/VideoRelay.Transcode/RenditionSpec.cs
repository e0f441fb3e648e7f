namespace VideoRelay.Transcode;

/// <summary>One rung of the ladder: a name, an output height (width follows the source's aspect ratio) and a bitrate.</summary>
public sealed record RenditionSpec(string Name, int Height, int Bitrate);
