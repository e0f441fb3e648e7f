using VideoRelay.Core.Media;

namespace VideoRelay.Transcode.Tests;

public sealed class H264SpsReaderTests
{
    [Fact]
    public void Baseline_sps_from_our_encoder_is_webrtc_safe()
    {
        var (_, config) = TestMedia.OwnClip(640, 360, 1, _ => true);
        Assert.True(H264SpsReader.TryRead(config.Sps, out H264SpsInfo info));
        Assert.Equal((66, 640, 360), (info.ProfileIdc, info.Width, info.Height));
        Assert.True(Transcoder.IsWebRtcSafe(config));
    }

    [Fact]
    public void Truncated_or_foreign_nal_is_refused()
    {
        var (_, config) = TestMedia.OwnClip(640, 360, 1, _ => true);
        Assert.False(H264SpsReader.TryRead(config.Sps.AsSpan(0, 5), out _));
        Assert.False(H264SpsReader.TryRead(config.Pps, out _));
        Assert.False(Transcoder.IsWebRtcSafe(new CodecConfig { Codec = CodecId.H264 }));
    }

    [Fact]
    [Trait("Category", "EndToEnd")]
    public void High_profile_reorder_depth_comes_from_the_vui()
    {
        var (_, withB) = TestMedia.FfmpegClip(0.2, bFrames: 2, size: "320x240");
        Assert.True(H264SpsReader.TryRead(withB.Sps, out H264SpsInfo b));
        Assert.Equal((77, 320, 240, true), (b.ProfileIdc, b.Width, b.Height, b.HasBitstreamRestriction)); // ultrafast → Main
        Assert.True(b.MaxNumReorderFrames > 0);
        Assert.False(Transcoder.IsWebRtcSafe(withB));

        var (_, noB) = TestMedia.FfmpegClip(0.2, bFrames: 0, size: "1280x720");
        Assert.True(H264SpsReader.TryRead(noB.Sps, out H264SpsInfo n));
        Assert.Equal((1280, 720, 0), (n.Width, n.Height, n.MaxNumReorderFrames));
        Assert.True(Transcoder.IsWebRtcSafe(noB));
    }
}
