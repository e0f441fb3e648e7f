namespace VideoRelay.Core.Media;

[Flags]
public enum FrameFlags : byte
{
    None = 0,
    /// <summary>An IDR picture (video) from which decoding can start.</summary>
    Keyframe = 1,
    /// <summary>The frame follows a gap (loss upstream); a decoder should expect corruption until the next keyframe.</summary>
    Discontinuity = 2,
    /// <summary>The codec configuration changed with this frame.</summary>
    ConfigChanged = 4,
}
