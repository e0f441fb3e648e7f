namespace VideoRelay.Core.Media;

/// <summary>
/// Reads an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) up to the VUI bitstream restriction (§E.1.1).
/// </summary>
/// <remarks>
/// <code>
/// seq_parameter_set_data() {
///   profile_idc u(8)  constraint_set0..5_flag + reserved u(8)  level_idc u(8)
///   seq_parameter_set_id ue(v)
///   if (profile_idc in 100,110,122,244,44,83,86,118,128,138,139,134,135) {
///     chroma_format_idc ue(v) [separate_colour_plane_flag u(1) if 3]
///     bit_depth_luma_minus8 ue(v)  bit_depth_chroma_minus8 ue(v)  qpprime_y_zero_transform_bypass_flag u(1)
///     seq_scaling_matrix_present_flag u(1) [scaling lists]
///   }
///   log2_max_frame_num_minus4 ue(v)  pic_order_cnt_type ue(v) [...]
///   max_num_ref_frames ue(v)  gaps_in_frame_num_value_allowed_flag u(1)
///   pic_width_in_mbs_minus1 ue(v)  pic_height_in_map_units_minus1 ue(v)
///   frame_mbs_only_flag u(1) [mb_adaptive_frame_field_flag u(1)]  direct_8x8_inference_flag u(1)
///   frame_cropping_flag u(1) [left, right, top, bottom offsets ue(v)]  vui_parameters_present_flag u(1) [vui_parameters()]
/// }
/// vui_parameters() {
///   aspect_ratio_info_present u(1) [aspect_ratio_idc u(8), (Extended_SAR: sar_width u(16), sar_height u(16))]
///   overscan_info_present u(1) [overscan_appropriate u(1)]
///   video_signal_type_present u(1) [video_format u(3), full_range u(1), colour_description_present u(1) [u(24)]]
///   chroma_loc_info_present u(1) [2 × ue(v)]
///   timing_info_present u(1) [num_units_in_tick u(32), time_scale u(32), fixed_frame_rate u(1)]
///   nal_hrd_present u(1) [hrd()]  vcl_hrd_present u(1) [hrd()]  [low_delay_hrd u(1)]  pic_struct_present u(1)
///   bitstream_restriction u(1) [motion_vectors_over_pic_boundaries u(1), 4 × ue(v),
///                               max_num_reorder_frames ue(v), max_dec_frame_buffering ue(v)]
/// }
/// width  = 16 × (pic_width_in_mbs_minus1 + 1) − CropUnitX × (left + right)
/// height = 16 × (2 − frame_mbs_only) × (pic_height_in_map_units_minus1 + 1) − CropUnitY × (top + bottom)
/// frame rate = time_scale / (2 × num_units_in_tick)
/// </code>
/// Every read is bounded by the input and never throws: a truncated or malformed SPS (before the VUI)
/// returns false; a truncated or malformed VUI still yields the picture size but leaves
/// <see cref="H264SpsInfo.IsVuiIntact"/> false (so the stream is not reported as reorder-free).
/// </remarks>
public static class H264SpsReader
{
    /// <summary>Largest picture dimension accepted, in luma samples (8192 × 8192).</summary>
    public const int MaxDimension = 8192;

    /// <summary>Largest SPS NAL unit accepted, in bytes.</summary>
    public const int MaxSpsLength = 4096;

    /// <summary>Parses an SPS NAL unit (header byte included, no start code or length).</summary>
    public static bool TryRead(ReadOnlySpan<byte> sps, out H264SpsInfo info) => TryRead(sps, out info, out _);

    /// <summary>Parses an SPS NAL unit (header byte included, no start code or length); consumes the whole unit.</summary>
    public static bool TryRead(ReadOnlySpan<byte> sps, out H264SpsInfo info, out int consumed)
    {
        info = default;
        consumed = 0;
        if (sps.Length < 4 || (sps[0] & 0x1F) != 7 || sps.Length > MaxSpsLength)
        {
            return false;
        }
        var r = new BitReader(sps[1..]);
        int profile = (int)r.ReadBits(8);
        int constraints = (int)r.ReadBits(8);
        int level = (int)r.ReadBits(8);
        if (r.ReadUe() > 31) // seq_parameter_set_id
        {
            return false;
        }
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
            if (r.ReadUe() > 6 || r.ReadUe() > 6)
            {
                return false; // bit_depth_luma_minus8, bit_depth_chroma_minus8
            }
            r.ReadBit(); // qpprime_y_zero_transform_bypass_flag
            if (r.ReadFlag()) // seq_scaling_matrix_present_flag
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
        if (r.ReadUe() > 12)
        {
            return false; // log2_max_frame_num_minus4
        }
        uint pocType = r.ReadUe();
        if (pocType == 0)
        {
            if (r.ReadUe() > 12)
            {
                return false; // log2_max_pic_order_cnt_lsb_minus4
            }
        }
        else if (pocType == 1)
        {
            r.ReadBit(); // delta_pic_order_always_zero_flag
            r.ReadSe();
            r.ReadSe();
            uint cycle = r.ReadUe();
            if (cycle > 255)
            {
                return false;
            }
            for (uint i = 0; i < cycle && !r.Overrun; i++)
            {
                r.ReadSe();
            }
        }
        else if (pocType != 2)
        {
            return false;
        }
        r.ReadUe(); // max_num_ref_frames
        r.ReadBit(); // gaps_in_frame_num_value_allowed_flag
        uint widthMbs = r.ReadUe() + 1;
        uint heightMapUnits = r.ReadUe() + 1;
        bool frameMbsOnly = r.ReadFlag();
        if (!frameMbsOnly)
        {
            r.ReadBit(); // mb_adaptive_frame_field_flag
        }
        r.ReadBit(); // direct_8x8_inference_flag
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
        int frameHeightFactor = frameMbsOnly ? 1 : 2;
        int cropUnitX = chromaArrayType == 0 ? 1 : subWidthC;
        int cropUnitY = (chromaArrayType == 0 ? 1 : subHeightC) * frameHeightFactor;
        long width = 16L * widthMbs - (long)cropUnitX * (cropLeft + cropRight);
        long height = 16L * frameHeightFactor * heightMapUnits - (long)cropUnitY * (cropTop + cropBottom);
        if (width <= 0 || height <= 0 || width > MaxDimension || height > MaxDimension)
        {
            return false;
        }
        var vui = new Vui { MaxNumReorderFrames = -1 };
        if (r.ReadFlag()) // vui_parameters_present_flag
        {
            ReadVui(ref r, ref vui);
        }
        bool vuiIntact = !r.Overrun;
        info = new H264SpsInfo
        {
            ProfileIdc = profile,
            ConstraintFlags = constraints,
            LevelIdc = level,
            ChromaFormatIdc = (int)chromaFormat,
            Width = (int)width,
            Height = (int)height,
            FrameMbsOnly = frameMbsOnly,
            FrameRateMilli = vui.FrameRateMilli,
            IsVuiIntact = vuiIntact,
            HasBitstreamRestriction = vuiIntact && vui.HasBitstreamRestriction,
            MaxNumReorderFrames = vuiIntact ? vui.MaxNumReorderFrames : -1,
        };
        consumed = sps.Length;
        return true;
    }

    /// <summary>Reads vui_parameters() (§E.1.1) up to the bitstream restriction; errors set <see cref="BitReader.Overrun"/>.</summary>
    private static void ReadVui(ref BitReader r, ref Vui vui)
    {
        if (r.ReadFlag() && r.ReadBits(8) == 255) // aspect_ratio_info_present, aspect_ratio_idc == Extended_SAR
        {
            r.ReadBits(16);
            r.ReadBits(16);
        }
        if (r.ReadFlag()) // overscan_info_present
        {
            r.ReadBit();
        }
        if (r.ReadFlag()) // video_signal_type_present
        {
            r.ReadBits(4);
            if (r.ReadFlag()) // colour_description_present
            {
                r.ReadBits(24);
            }
        }
        if (r.ReadFlag()) // chroma_loc_info_present
        {
            r.ReadUe();
            r.ReadUe();
        }
        if (r.ReadFlag()) // timing_info_present
        {
            uint unitsInTick = r.ReadBits(32);
            uint timeScale = r.ReadBits(32);
            if (!r.Overrun && unitsInTick != 0)
            {
                long milli = timeScale * 1000L / (2L * unitsInTick);
                vui.FrameRateMilli = milli is > 0 and <= 1_000_000 ? (int)milli : 0;
            }
            r.ReadBit(); // fixed_frame_rate_flag
        }
        bool nalHrd = r.ReadFlag();
        if (nalHrd)
        {
            SkipHrd(ref r);
        }
        bool vclHrd = r.ReadFlag();
        if (vclHrd)
        {
            SkipHrd(ref r);
        }
        if (nalHrd || vclHrd)
        {
            r.ReadBit(); // low_delay_hrd_flag
        }
        r.ReadBit(); // pic_struct_present_flag
        if (r.ReadFlag()) // bitstream_restriction_flag
        {
            vui.HasBitstreamRestriction = true;
            r.ReadBit(); // motion_vectors_over_pic_boundaries_flag
            r.ReadUe(); // max_bytes_per_pic_denom
            r.ReadUe(); // max_bits_per_mb_denom
            r.ReadUe(); // log2_max_mv_length_horizontal
            r.ReadUe(); // log2_max_mv_length_vertical
            uint reorder = r.ReadUe();
            r.ReadUe(); // max_dec_frame_buffering
            vui.MaxNumReorderFrames = reorder > int.MaxValue ? int.MaxValue : (int)reorder;
        }
    }

    /// <summary>Skips hrd_parameters() (§E.1.2); more than 32 CPB specifications is malformed.</summary>
    private static void SkipHrd(ref BitReader r)
    {
        uint count = r.ReadUe() + 1;
        if (count > 32)
        {
            r.Overrun = true;
            return;
        }
        r.ReadBits(8); // bit_rate_scale u(4), cpb_size_scale u(4)
        for (uint i = 0; i < count && !r.Overrun; i++)
        {
            r.ReadUe(); // bit_rate_value_minus1
            r.ReadUe(); // cpb_size_value_minus1
            r.ReadBit(); // cbr_flag
        }
        r.ReadBits(20); // 4 × u(5) delays and time_offset_length
    }

    private static void SkipScalingList(ref BitReader r, int size)
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

    /// <summary>The VUI fields the reader keeps.</summary>
    private struct Vui
    {
        public int FrameRateMilli;
        public bool HasBitstreamRestriction;
        public int MaxNumReorderFrames;
    }

    /// <summary>
    /// MSB-first bit reader over an RBSP given as the NAL unit's payload bytes, skipping emulation-prevention
    /// bytes (00 00 03 → 00 00) on the fly. Reads past the end set <see cref="Overrun"/> and yield zeros; an
    /// Exp-Golomb code with more than 31 leading zeros sets <see cref="Overrun"/> too. Never throws.
    /// </summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _byte;
        private int _zeros;
        private uint _current;
        private int _bitsLeft;

        /// <summary>True once a read went past the end of the data (or a code was malformed).</summary>
        public bool Overrun;

        public uint ReadBit()
        {
            if (_bitsLeft == 0 && !Load())
            {
                Overrun = true;
                return 0;
            }
            _bitsLeft--;
            return (_current >> _bitsLeft) & 1;
        }

        public uint ReadBits(int count)
        {
            uint value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 1) | ReadBit();
            }
            return value;
        }

        public bool ReadFlag() => ReadBit() != 0;

        /// <summary>Unsigned Exp-Golomb ue(v).</summary>
        public uint ReadUe()
        {
            int zeros = 0;
            while (ReadBit() == 0)
            {
                if (++zeros > 31 || Overrun)
                {
                    Overrun = true;
                    return 0;
                }
            }
            return zeros == 0 ? 0 : (uint)((1UL << zeros) - 1 + ReadBits(zeros));
        }

        /// <summary>Signed Exp-Golomb se(v).</summary>
        public int ReadSe()
        {
            uint k = ReadUe();
            return (k & 1) != 0 ? (int)((k + 1) / 2) : -(int)(k / 2);
        }

        private bool Load()
        {
            while (_byte < _data.Length)
            {
                byte b = _data[_byte++];
                if (_zeros >= 2 && b == 0x03)
                {
                    _zeros = 0; // emulation_prevention_three_byte: not part of the RBSP
                    continue;
                }
                _zeros = b == 0 ? _zeros + 1 : 0;
                _current = b;
                _bitsLeft = 8;
                return true;
            }
            return false;
        }
    }
}
