namespace VideoRelay.Transcode;

/// <summary>
/// What <see cref="H264SpsReader"/> extracts from a sequence parameter set: enough to tell whether the
/// stream may reorder pictures (B-frames), which WebRTC receivers do not accept.
/// </summary>
public readonly record struct H264SpsInfo(
    int ProfileIdc,
    int ConstraintFlags,
    int LevelIdc,
    int Width,
    int Height,
    bool HasBitstreamRestriction,
    int MaxNumReorderFrames)
{
    /// <summary>
    /// True when the stream cannot contain reordered pictures: Baseline/Constrained Baseline (no B
    /// slices), or a VUI bitstream restriction with max_num_reorder_frames = 0.
    /// </summary>
    public bool IsReorderFree => ProfileIdc == 66 || (HasBitstreamRestriction && MaxNumReorderFrames == 0);
}
