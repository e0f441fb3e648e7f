namespace VideoRelay.Transcode;

/// <summary>
/// Reads an H.264 sequence parameter set (ITU-T H.264 §7.3.2.1.1) up to the VUI bitstream restriction.
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
///   frame_cropping_flag u(1) [4 × ue(v)]  vui_parameters_present_flag u(1) [vui_parameters()]
/// }
/// </code>
/// Every read is bounded by the input: a truncated or malformed SPS returns false.
/// </remarks>
public static class H264SpsReader
{
    /// <summary>Parses an SPS NAL unit (header byte included, no start code or length).</summary>
    public static bool TryRead(ReadOnlySpan<byte> sps, out H264SpsInfo info)
    {
        info = default;
        if (sps.Length < 4 || (sps[0] & 0x1f) != 7 || sps.Length > 4096)
        {
            return false;
        }
        var r = new BitReader(sps[1..]);
        int profile = r.Bits(8), constraints = r.Bits(8), level = r.Bits(8);
        r.Ue(); // seq_parameter_set_id
        int chromaFormat = 1;
        if (profile is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135)
        {
            chromaFormat = r.Ue();
            if (chromaFormat == 3)
            {
                r.Bits(1);
            }
            r.Ue();
            r.Ue();
            r.Bits(1);
            if (r.Bits(1) == 1)
            {
                for (int i = 0; i < (chromaFormat != 3 ? 8 : 12); i++)
                {
                    if (r.Bits(1) == 1)
                    {
                        SkipScalingList(ref r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        r.Ue(); // log2_max_frame_num_minus4
        int pocType = r.Ue();
        if (pocType == 0)
        {
            r.Ue();
        }
        else if (pocType == 1)
        {
            r.Bits(1);
            r.Se();
            r.Se();
            int cycle = r.Ue();
            if (cycle > 255)
            {
                return false;
            }
            for (int i = 0; i < cycle; i++)
            {
                r.Se();
            }
        }
        r.Ue(); // max_num_ref_frames
        r.Bits(1);
        int widthMbs = r.Ue() + 1, heightMapUnits = r.Ue() + 1;
        int frameMbsOnly = r.Bits(1);
        if (frameMbsOnly == 0)
        {
            r.Bits(1);
        }
        r.Bits(1);
        int cropL = 0, cropR = 0, cropT = 0, cropB = 0;
        if (r.Bits(1) == 1)
        {
            cropL = r.Ue();
            cropR = r.Ue();
            cropT = r.Ue();
            cropB = r.Ue();
        }
        int cropUnitX = chromaFormat is 1 or 2 ? 2 : 1;
        int cropUnitY = (chromaFormat == 1 ? 2 : 1) * (2 - frameMbsOnly);
        int width = widthMbs * 16 - (cropL + cropR) * cropUnitX;
        int height = (2 - frameMbsOnly) * heightMapUnits * 16 - (cropT + cropB) * cropUnitY;
        bool restriction = false;
        int reorder = -1;
        if (r.Bits(1) == 1)
        {
            ReadVui(ref r, out restriction, out reorder);
        }
        if (r.Overrun || widthMbs > 1024 || heightMapUnits > 1024)
        {
            return false;
        }
        info = new H264SpsInfo(profile, constraints, level, width, height, restriction, reorder);
        return true;
    }

    private static void ReadVui(ref BitReader r, out bool restriction, out int reorder)
    {
        restriction = false;
        reorder = -1;
        if (r.Bits(1) == 1 && r.Bits(8) == 255)
        {
            r.Bits(16);
            r.Bits(16);
        }
        if (r.Bits(1) == 1)
        {
            r.Bits(1);
        }
        if (r.Bits(1) == 1)
        {
            r.Bits(4);
            if (r.Bits(1) == 1)
            {
                r.Bits(24);
            }
        }
        if (r.Bits(1) == 1)
        {
            r.Ue();
            r.Ue();
        }
        if (r.Bits(1) == 1)
        {
            r.Bits(32);
            r.Bits(32);
            r.Bits(1);
        }
        bool nalHrd = r.Bits(1) == 1;
        if (nalHrd)
        {
            SkipHrd(ref r);
        }
        bool vclHrd = r.Bits(1) == 1;
        if (vclHrd)
        {
            SkipHrd(ref r);
        }
        if (nalHrd || vclHrd)
        {
            r.Bits(1);
        }
        r.Bits(1); // pic_struct_present_flag
        if (r.Bits(1) == 1)
        {
            restriction = true;
            r.Bits(1);
            r.Ue();
            r.Ue();
            r.Ue();
            r.Ue();
            reorder = r.Ue();
            r.Ue();
        }
    }

    private static void SkipHrd(ref BitReader r)
    {
        int count = r.Ue() + 1;
        if (count > 32)
        {
            r.Overrun = true;
            return;
        }
        r.Bits(8);
        for (int i = 0; i < count; i++)
        {
            r.Ue();
            r.Ue();
            r.Bits(1);
        }
        r.Bits(20);
    }

    private static void SkipScalingList(ref BitReader r, int size)
    {
        int last = 8, next = 8;
        for (int j = 0; j < size && !r.Overrun; j++)
        {
            if (next != 0)
            {
                next = (last + r.Se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /// <summary>MSB-first bit reader over RBSP (skips emulation-prevention bytes); reads past the end set <see cref="Overrun"/>.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _byte;
        private int _bit;
        private int _zeros;
        private int _current = -1;
        public bool Overrun;

        private int NextBit()
        {
            if (_current < 0)
            {
                while (true)
                {
                    if (_byte >= _data.Length)
                    {
                        Overrun = true;
                        return 0;
                    }
                    int b = _data[_byte++];
                    if (_zeros >= 2 && b == 3)
                    {
                        _zeros = 0;
                        continue; // emulation_prevention_three_byte
                    }
                    _zeros = b == 0 ? _zeros + 1 : 0;
                    _current = b;
                    _bit = 7;
                    break;
                }
            }
            int bit = (_current >> _bit) & 1;
            if (--_bit < 0)
            {
                _current = -1;
            }
            return bit;
        }

        public int Bits(int n)
        {
            long v = 0;
            for (int i = 0; i < n; i++)
            {
                v = (v << 1) | (uint)NextBit();
            }
            return (int)v;
        }

        public int Ue()
        {
            int zeros = 0;
            while (NextBit() == 0)
            {
                if (++zeros > 31 || Overrun)
                {
                    Overrun = true;
                    return 0;
                }
            }
            return (int)((1L << zeros) - 1 + Bits(zeros));
        }

        public int Se()
        {
            int k = Ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }
    }
}
