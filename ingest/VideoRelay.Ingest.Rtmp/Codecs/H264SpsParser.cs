namespace VideoRelay.Ingest.Rtmp.Codecs;

/// <summary>
/// A small, bounded parser of the H.264 sequence parameter set (ITU-T H.264 section 7.3.2.1.1) up to the
/// frame cropping fields: enough for the coded picture size. VUI is not read.
/// </summary>
/// <remarks>
/// <code>
/// nal header (8) | profile_idc u(8) | constraint flags u(8) | level_idc u(8) | seq_parameter_set_id ue
/// [high profiles: chroma_format_idc ue, (separate_colour_plane_flag u1), bit_depth_luma ue, bit_depth_chroma ue,
///  qpprime_y_zero_transform_bypass u1, seq_scaling_matrix_present u1 (scaling lists)]
/// log2_max_frame_num_minus4 ue | pic_order_cnt_type ue (+ its fields) | max_num_ref_frames ue
/// gaps_in_frame_num_allowed u1 | pic_width_in_mbs_minus1 ue | pic_height_in_map_units_minus1 ue
/// frame_mbs_only_flag u1 [mb_adaptive_frame_field u1] | direct_8x8_inference u1
/// frame_cropping_flag u1 [left, right, top, bottom offsets ue]
/// width  = 16 × (pic_width_in_mbs_minus1 + 1) − CropUnitX × (left + right)
/// height = 16 × (2 − frame_mbs_only) × (pic_height_in_map_units_minus1 + 1) − CropUnitY × (top + bottom)
/// </code>
/// </remarks>
internal static class H264SpsParser
{
    private const int MaxDimensionMbs = 1024; // 16384 pixels: beyond any level in the standard

    public static bool TryParse(ReadOnlySpan<byte> sps, out H264SpsInfo info)
    {
        info = default;
        if (sps.Length < 4 || (sps[0] & 0x1F) != 7)
        {
            return false;
        }
        var r = new NalBitReader(sps[1..]);
        int profile = (int)r.ReadBits(8);
        r.ReadBits(8); // constraint_set flags
        int level = (int)r.ReadBits(8);
        if (r.ReadUe() > 31)
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
                return false; // bit depths
            }
            r.ReadBit(); // qpprime_y_zero_transform_bypass_flag
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
        if (r.ReadUe() > 12)
        {
            return false; // log2_max_frame_num_minus4
        }
        uint pocType = r.ReadUe();
        if (pocType == 0)
        {
            if (r.ReadUe() > 12)
            {
                return false;
            }
        }
        else if (pocType == 1)
        {
            r.ReadBit();
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
        if (r.Overrun || widthMbs > MaxDimensionMbs || heightMapUnits > MaxDimensionMbs)
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
        if (width <= 0 || height <= 0)
        {
            return false;
        }
        info = new H264SpsInfo(profile, level, (int)width, (int)height, frameMbsOnly, (int)chromaFormat);
        return true;
    }

    private static void SkipScalingList(ref NalBitReader r, int size)
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
}
