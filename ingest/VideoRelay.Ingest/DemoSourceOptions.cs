namespace VideoRelay.Ingest;

/// <summary>The built-in test source (section "Demo").</summary>
public sealed class DemoSourceOptions
{
    /// <summary>Publish the demo stream at start.</summary>
    public bool Enabled { get; set; } = true;

    public string StreamName { get; set; } = "demo";
    public int Width { get; set; } = 1280;
    public int Height { get; set; } = 720;
    public int FrameRate { get; set; } = 30;
    public int BitrateKbps { get; set; } = 2500;

    /// <summary>Keyframe interval in frames.</summary>
    public int GopFrames { get; set; } = 60;

    public string Preset { get; set; } = "superfast";
}
