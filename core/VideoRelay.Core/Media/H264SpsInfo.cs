namespace VideoRelay.Core.Media;

/// <summary>
/// What <see cref="H264SpsReader"/> extracts from an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1):
/// the picture size, profile/level, chroma format, frame/field coding, the VUI frame rate and the VUI
/// bitstream restriction that tells whether the stream may reorder pictures (B-frames), which WebRTC
/// receivers do not accept.
/// </summary>
public readonly record struct H264SpsInfo
{
    /// <summary>profile_idc (66 Baseline, 77 Main, 100 High, 122 High 4:2:2, …).</summary>
    public int ProfileIdc { get; init; }

    /// <summary>constraint_set0..5_flag and the two reserved bits, as the byte after profile_idc.</summary>
    public int ConstraintFlags { get; init; }

    /// <summary>level_idc (e.g. 31 for level 3.1).</summary>
    public int LevelIdc { get; init; }

    /// <summary>chroma_format_idc: 0 monochrome, 1 4:2:0 (implied by profiles without the field), 2 4:2:2, 3 4:4:4.</summary>
    public int ChromaFormatIdc { get; init; }

    /// <summary>Displayed width in luma samples (after frame cropping).</summary>
    public int Width { get; init; }

    /// <summary>Displayed frame height in luma samples (after frame cropping; both fields for interlaced coding).</summary>
    public int Height { get; init; }

    /// <summary>frame_mbs_only_flag: false when the stream may code fields (interlaced).</summary>
    public bool FrameMbsOnly { get; init; }

    /// <summary>True when the stream may code fields (frame_mbs_only_flag = 0).</summary>
    public bool IsInterlaced => !FrameMbsOnly;

    /// <summary>Frames per second × 1000 from the VUI timing info (time_scale / (2 × num_units_in_tick)), or 0.</summary>
    public int FrameRateMilli { get; init; }

    /// <summary>
    /// False when vui_parameters_present_flag could not be read, or the VUI ran past the end of the NAL unit
    /// or was malformed: the bitstream restriction is then unknown.
    /// </summary>
    public bool IsVuiIntact { get; init; }

    /// <summary>True when the VUI carried bitstream_restriction_flag = 1 (and was read completely).</summary>
    public bool HasBitstreamRestriction { get; init; }

    /// <summary>max_num_reorder_frames from the VUI bitstream restriction, or -1 when absent.</summary>
    public int MaxNumReorderFrames { get; init; }

    /// <summary>
    /// True when the stream cannot contain reordered pictures: Baseline/Constrained Baseline (no B
    /// slices), or a VUI bitstream restriction with max_num_reorder_frames = 0. False when the VUI is
    /// not intact (a malformed SPS promises nothing).
    /// </summary>
    public bool IsReorderFree =>
        IsVuiIntact && (ProfileIdc == 66 || (HasBitstreamRestriction && MaxNumReorderFrames == 0));
}
