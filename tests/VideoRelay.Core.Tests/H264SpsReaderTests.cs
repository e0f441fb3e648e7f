using VideoRelay.Core.Media;

namespace VideoRelay.Core.Tests;

/// <summary>
/// SPS vectors and expectations gathered from the RTMP ingest (H264SpsParser), the MPEG-TS ingest (SpsInfo)
/// and the transcoder (H264SpsReader) tests, now all served by the one core reader.
/// </summary>
public sealed class H264SpsReaderTests
{
    // From the RTMP ingest tests.

    /// <summary>1280x720, constrained baseline.</summary>
    private static readonly byte[] Sps720 = Convert.FromHexString("6742c01fda014016ec0440000003004000000f23c60ca8");
    private static readonly byte[] Pps720 = Convert.FromHexString("68ce0fc8");

    /// <summary>1920x1080, high profile: coded 1088 lines, cropped by 8.</summary>
    private static readonly byte[] Sps1080 = Convert.FromHexString("67640028acd940780227e5c044000003000400000300f03c60c658");

    /// <summary>720x576 interlaced (frame_mbs_only_flag = 0, 18 map units of 32 lines).</summary>
    private static readonly byte[] Sps576i = Convert.FromHexString("6764001eacd940b424d8088000000300800000190f8a14cb");

    /// <summary>640x360, baseline: coded 368 lines, cropped by 8.</summary>
    private static readonly byte[] Sps360 = Convert.FromHexString("6742c01ed900a02ff970110000030001000003003c0f162e48");

    /// <summary>848x480, high profile.</summary>
    private static readonly byte[] Sps480High = Convert.FromHexString("6764001facd940d43db0110000030001000003003c0f183196");

    // From the MPEG-TS ingest tests.

    /// <summary>x264 SPS, Constrained Baseline, 640×360 (cropped from 368), 30 fps.</summary>
    private static readonly byte[] Sps640x360 = Convert.FromHexString("6742C01EDA0280BFE5C044000003000400000300F23C58BA80");

    /// <summary>x264 SPS, Constrained Baseline, 1920×1080 (cropped from 1088), 25 fps.</summary>
    private static readonly byte[] Sps1920x1080 = Convert.FromHexString("6742C028DA01E0089F97011000000300100000030320F1832A");

    /// <summary>x264 SPS, High 4:2:2 (profile 122), interlaced (frame_mbs_only 0), 1280×720.</summary>
    private static readonly byte[] Sps1280x720Interlaced422 = Convert.FromHexString("677A0020BCE80500BBF1380880000003008000001E0F8B1750");

    public static TheoryData<string, byte[], int, int, bool> SpsCases => new()
    {
        { "720p baseline", Sps720, 1280, 720, true },
        { "1080p high, cropped from 1088", Sps1080, 1920, 1080, true },
        { "576i interlaced", Sps576i, 720, 576, false },
        { "360p baseline, cropped from 368", Sps360, 640, 360, true },
        { "480p high", Sps480High, 848, 480, true },
    };

    [Theory]
    [MemberData(nameof(SpsCases))]
    public void Sps_gives_the_picture_size(string name, byte[] sps, int width, int height, bool frameMbsOnly)
    {
        _ = name;
        Assert.True(H264SpsReader.TryRead(sps, out H264SpsInfo info));
        Assert.Equal(width, info.Width);
        Assert.Equal(height, info.Height);
        Assert.Equal(frameMbsOnly, info.FrameMbsOnly);
        Assert.Equal(!frameMbsOnly, info.IsInterlaced);
        Assert.Equal(sps[1], info.ProfileIdc);
        Assert.Equal(sps[2], info.ConstraintFlags);
        Assert.Equal(sps[3], info.LevelIdc);
        Assert.Equal(1, info.ChromaFormatIdc); // all 4:2:0
    }

    [Fact]
    public void Sps_truncated_anywhere_is_refused_or_parsed_without_throwing()
    {
        for (int length = 0; length < Sps1080.Length; length++)
        {
            _ = H264SpsReader.TryRead(Sps1080.AsSpan(0, length), out _);
        }
        Assert.False(H264SpsReader.TryRead(Sps1080.AsSpan(0, 6), out _));
        Assert.False(H264SpsReader.TryRead(Pps720, out _)); // not an SPS
        Assert.False(H264SpsReader.TryRead([0x67, 0x64, 0, 0x28, 0, 0, 0, 0, 0, 0], out _)); // ue with > 31 leading zeros
    }

    [Fact]
    public void Baseline_640x360_with_cropping_and_frame_rate()
    {
        Assert.True(H264SpsReader.TryRead(Sps640x360, out H264SpsInfo sps, out int consumed));
        Assert.Equal(Sps640x360.Length, consumed);
        Assert.Equal(640, sps.Width);
        Assert.Equal(360, sps.Height);
        Assert.Equal(66, sps.ProfileIdc);
        Assert.Equal(30, sps.LevelIdc);
        Assert.True(sps.FrameMbsOnly);
        Assert.Equal(30_000, sps.FrameRateMilli);
        Assert.True(sps.IsReorderFree); // Baseline: no B slices
    }

    [Fact]
    public void Baseline_1080p_crops_1088_to_1080()
    {
        Assert.True(H264SpsReader.TryRead(Sps1920x1080, out H264SpsInfo sps, out _));
        Assert.Equal(1920, sps.Width);
        Assert.Equal(1080, sps.Height);
        Assert.Equal(25_000, sps.FrameRateMilli);
    }

    [Fact]
    public void High422_interlaced_uses_field_map_units()
    {
        Assert.True(H264SpsReader.TryRead(Sps1280x720Interlaced422, out H264SpsInfo sps, out _));
        Assert.Equal(122, sps.ProfileIdc);
        Assert.Equal(2, sps.ChromaFormatIdc);
        Assert.False(sps.FrameMbsOnly);
        Assert.True(sps.IsInterlaced);
        Assert.Equal(1280, sps.Width);
        Assert.Equal(720, sps.Height);
    }

    [Fact]
    public void Truncated_or_garbage_sps_is_refused_without_throwing()
    {
        byte[] sps = Sps640x360;
        for (int length = 0; length < 8; length++)
        {
            Assert.False(H264SpsReader.TryRead(sps.AsSpan(0, length), out _, out _));
        }
        var rnd = new Random(1);
        byte[] junk = new byte[64];
        for (int i = 0; i < 2000; i++)
        {
            rnd.NextBytes(junk);
            junk[0] = 0x67;
            if (H264SpsReader.TryRead(junk.AsSpan(0, rnd.Next(1, 64)), out H264SpsInfo info, out _))
            {
                Assert.InRange(info.Width, 1, H264SpsReader.MaxDimension);
                Assert.InRange(info.Height, 1, H264SpsReader.MaxDimension);
                Assert.Equal(8192, H264SpsReader.MaxDimension);
            }
        }
    }

    [Fact]
    public void Truncated_vui_keeps_the_size_but_promises_no_reorder_freedom()
    {
        // Cut the 640x360 baseline SPS inside its VUI: the picture size is known, the VUI is not.
        Assert.True(H264SpsReader.TryRead(Sps640x360.AsSpan(0, Sps640x360.Length - 6), out H264SpsInfo info));
        Assert.Equal((640, 360), (info.Width, info.Height));
        Assert.False(info.IsVuiIntact);
        Assert.False(info.HasBitstreamRestriction);
        Assert.Equal(-1, info.MaxNumReorderFrames);
        Assert.False(info.IsReorderFree);
    }

    [Fact]
    public void Oversized_sps_is_refused()
    {
        byte[] big = new byte[H264SpsReader.MaxSpsLength + 1];
        Sps720.CopyTo(big, 0);
        Assert.False(H264SpsReader.TryRead(big, out _));
    }
}
