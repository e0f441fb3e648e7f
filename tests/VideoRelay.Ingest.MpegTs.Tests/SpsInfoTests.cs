using VideoRelay.Ingest.MpegTs.H264;

namespace VideoRelay.Ingest.MpegTs.Tests;

public class SpsInfoTests
{
    [Fact]
    public void Baseline_640x360_with_cropping_and_frame_rate()
    {
        Assert.True(SpsInfo.TryRead(TestStreams.Sps640x360, out SpsInfo sps, out _));
        Assert.Equal(640, sps.Width);
        Assert.Equal(360, sps.Height);
        Assert.Equal(66, sps.ProfileIdc);
        Assert.Equal(30, sps.LevelIdc);
        Assert.True(sps.FrameMbsOnly);
        Assert.Equal(30_000, sps.FrameRateMilli);
    }

    [Fact]
    public void Baseline_1080p_crops_1088_to_1080()
    {
        Assert.True(SpsInfo.TryRead(TestStreams.Sps1920x1080, out SpsInfo sps, out _));
        Assert.Equal(1920, sps.Width);
        Assert.Equal(1080, sps.Height);
        Assert.Equal(25_000, sps.FrameRateMilli);
    }

    [Fact]
    public void High422_interlaced_uses_field_map_units()
    {
        Assert.True(SpsInfo.TryRead(TestStreams.Sps1280x720Interlaced422, out SpsInfo sps, out _));
        Assert.Equal(122, sps.ProfileIdc);
        Assert.False(sps.FrameMbsOnly);
        Assert.Equal(1280, sps.Width);
        Assert.Equal(720, sps.Height);
    }

    [Fact]
    public void Truncated_or_garbage_sps_is_refused_without_throwing()
    {
        byte[] sps = TestStreams.Sps640x360;
        for (int length = 0; length < 8; length++)
        {
            Assert.False(SpsInfo.TryRead(sps.AsSpan(0, length), out _, out _));
        }
        var rnd = new Random(1);
        byte[] junk = new byte[64];
        for (int i = 0; i < 2000; i++)
        {
            rnd.NextBytes(junk);
            junk[0] = 0x67;
            if (SpsInfo.TryRead(junk.AsSpan(0, rnd.Next(1, 64)), out SpsInfo info, out _))
            {
                Assert.InRange(info.Width, 1, SpsInfo.MaxDimension);
                Assert.InRange(info.Height, 1, SpsInfo.MaxDimension);
            }
        }
    }
}
