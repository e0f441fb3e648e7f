namespace VideoRelay.Ingest.MpegTs.H264;

/// <summary>What the relay needs from an H.264 sequence parameter set (ITU-T H.264, 7.3.2.1.1).</summary>
/// <remarks>
/// <code>
/// profile_idc u(8) | constraint_set0..5 + reserved u(8) | level_idc u(8) | seq_parameter_set_id ue
/// [high profiles: chroma_format_idc ue, (separate_colour_plane u1), bit_depth_luma ue, bit_depth_chroma ue,
///                 qpprime_y_zero u1, seq_scaling_matrix_present u1 (+ scaling lists)]
/// log2_max_frame_num_minus4 ue | pic_order_cnt_type ue (+ its fields) | max_num_ref_frames ue
/// gaps_in_frame_num_allowed u1 | pic_width_in_mbs_minus1 ue | pic_height_in_map_units_minus1 ue
/// frame_mbs_only u1 (+ mb_adaptive u1) | direct_8x8_inference u1
/// frame_cropping u1 (+ left, right, top, bottom ue) | vui_parameters_present u1 (+ VUI: timing_info)
/// </code>
/// Width = 16 × mbs − CropUnitX × (left + right); Height = 16 × map units × (2 − frame_mbs_only) − CropUnitY × (top + bottom).
/// </remarks>
internal readonly struct SpsInfo
{
    /// <summary>Largest picture accepted (8192 × 8192, beyond level 6.2).</summary>
    public const int MaxDimension = 8192;

    public int ProfileIdc { get; init; }
    public int LevelIdc { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public bool FrameMbsOnly { get; init; }

    /// <summary>Frames per second × 1000 from the VUI timing info, or 0.</summary>
    public int FrameRateMilli { get; init; }

    /// <summary>Parses an SPS NAL unit (starting with its 1-byte NAL header).</summary>
    public static bool TryRead(ReadOnlySpan<byte> nal, out SpsInfo sps, out int consumed)
    {
        sps = default;
        consumed = 0;
        if (nal.Length < 4 || (nal[0] & 0x1F) != NalUnitType.Sps)
        {
            return false;
        }
        var r = new RbspBitReader(nal[1..]);
        int profile = (int)r.ReadBits(8);
        r.ReadBits(8);
        int level = (int)r.ReadBits(8);
        r.ReadUe();
        uint chromaFormat = 1;
        bool separateColourPlane = false;
        if (profile is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135)
        {
            chromaFormat = r.ReadUe();
            if (chromaFormat > 3)
            {
                return false;
            }
            if (chromaFormat == 3)
            {
                separateColourPlane = r.ReadFlag();
            }
            r.ReadUe();
            r.ReadUe();
            r.ReadFlag();
            if (r.ReadFlag())
            {
                int lists = chromaFormat != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++)
                {
                    if (r.ReadFlag())
                    {
                        SkipScalingList(ref r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.ReadUe(); // log2_max_frame_num_minus4
        uint pocType = r.ReadUe();
        if (pocType == 0)
        {
            r.ReadUe();
        }
        else if (pocType == 1)
        {
            r.ReadFlag();
            r.ReadSe();
            r.ReadSe();
            uint cycle = r.ReadUe();
            if (cycle > 255)
            {
                return false;
            }
            for (uint i = 0; i < cycle; i++)
            {
                r.ReadSe();
            }
        }
        else if (pocType != 2)
        {
            return false;
        }
        r.ReadUe(); // max_num_ref_frames
        r.ReadFlag();
        uint widthMbs = r.ReadUe() + 1;
        uint heightMapUnits = r.ReadUe() + 1;
        bool frameMbsOnly = r.ReadFlag();
        if (!frameMbsOnly)
        {
            r.ReadFlag();
        }
        r.ReadFlag();
        uint cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.ReadFlag())
        {
            cropLeft = r.ReadUe();
            cropRight = r.ReadUe();
            cropTop = r.ReadUe();
            cropBottom = r.ReadUe();
        }
        if (r.Overrun || widthMbs > MaxDimension / 16 || heightMapUnits > MaxDimension / 16)
        {
            return false;
        }
        int chromaArrayType = separateColourPlane ? 0 : (int)chromaFormat;
        int subWidthC = chromaArrayType is 1 or 2 ? 2 : 1;
        int subHeightC = chromaArrayType == 1 ? 2 : 1;
        int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * (frameMbsOnly ? 1 : 2);
        long width = 16L * widthMbs - (long)cropUnitX * (cropLeft + cropRight);
        long height = 16L * heightMapUnits * (frameMbsOnly ? 1 : 2) - (long)cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0 || height > MaxDimension)
        {
            return false;
        }
        int frameRateMilli = r.ReadFlag() ? ReadVuiFrameRate(ref r) : 0;
        sps = new SpsInfo
        {
            ProfileIdc = profile,
            LevelIdc = level,
            Width = (int)width,
            Height = (int)height,
            FrameMbsOnly = frameMbsOnly,
            FrameRateMilli = frameRateMilli,
        };
        consumed = nal.Length;
        return true;
    }

    private static void SkipScalingList(ref RbspBitReader r, int size)
    {
        int last = 8, next = 8;
        for (int j = 0; j < size && !r.Overrun; j++)
        {
            if (next != 0)
            {
                next = (last + r.ReadSe() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /// <summary>Reads the VUI up to timing_info (E.1.1); frame rate = time_scale / (2 × num_units_in_tick).</summary>
    private static int ReadVuiFrameRate(ref RbspBitReader r)
    {
        if (r.ReadFlag() && r.ReadBits(8) == 255) // aspect_ratio_info_present, aspect_ratio_idc == Extended_SAR
        {
            r.ReadBits(16);
            r.ReadBits(16);
        }
        if (r.ReadFlag()) // overscan_info_present
        {
            r.ReadFlag();
        }
        if (r.ReadFlag()) // video_signal_type_present
        {
            r.ReadBits(4);
            if (r.ReadFlag())
            {
                r.ReadBits(24);
            }
        }
        if (r.ReadFlag()) // chroma_loc_info_present
        {
            r.ReadUe();
            r.ReadUe();
        }
        if (!r.ReadFlag()) // timing_info_present
        {
            return 0;
        }
        uint unitsInTick = r.ReadBits(32);
        uint timeScale = r.ReadBits(32);
        if (r.Overrun || unitsInTick == 0)
        {
            return 0;
        }
        long milli = timeScale * 1000L / (2L * unitsInTick);
        return milli is > 0 and <= 1_000_000 ? (int)milli : 0;
    }
}
