namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>Parameter sets produced by Debian's ffmpeg 5.1 + libx264 (extracted from Annex B output).</summary>
internal static class Vectors
{
    /// <summary>1280x720, constrained baseline (ultrafast, zerolatency), no cropping.</summary>
    public static readonly byte[] Sps720 = Convert.FromHexString("6742c01fda014016ec0440000003004000000f23c60ca8");
    public static readonly byte[] Pps720 = Convert.FromHexString("68ce0fc8");

    /// <summary>1920x1080, high profile: coded 1088 lines, cropped by 8.</summary>
    public static readonly byte[] Sps1080 = Convert.FromHexString("67640028acd940780227e5c044000003000400000300f03c60c658");

    /// <summary>720x576 interlaced (frame_mbs_only_flag = 0, 18 map units of 32 lines).</summary>
    public static readonly byte[] Sps576i = Convert.FromHexString("6764001eacd940b424d8088000000300800000190f8a14cb");

    /// <summary>640x360, baseline: coded 368 lines, cropped by 8.</summary>
    public static readonly byte[] Sps360 = Convert.FromHexString("6742c01ed900a02ff970110000030001000003003c0f162e48");

    /// <summary>848x480, high profile.</summary>
    public static readonly byte[] Sps480High = Convert.FromHexString("6764001facd940d43db0110000030001000003003c0f183196");
}
