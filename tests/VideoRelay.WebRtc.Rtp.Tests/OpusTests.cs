using VideoRelay.WebRtc.Rtp.Opus;

namespace VideoRelay.WebRtc.Rtp.Tests;

public sealed class OpusTests
{
    [Fact]
    public void Payloader_copies_one_packet()
    {
        byte[] opus = [0xFC, 1, 2, 3];
        var dst = new byte[10];
        Assert.True(OpusPayloader.TryWrite(opus, dst, out int n));
        Assert.Equal(opus, dst[..n]);
        Assert.False(OpusPayloader.TryWrite([], dst, out _));
        Assert.False(OpusPayloader.TryWrite(opus, new byte[3], out _));
    }

    [Theory]
    [InlineData(new byte[] { 0xF8 }, 960)]         // config 31 CELT 20 ms, one frame
    [InlineData(new byte[] { 0xFD }, 1920)]        // two frames of 20 ms
    [InlineData(new byte[] { 0x7B, 0x03 }, 2880)]  // config 15 hybrid 20 ms, code 3 with 3 frames
    [InlineData(new byte[] { 0xFB, 0x3F }, 60480)] // 63 frames of 20 ms: over the 120 ms limit
    [InlineData(new byte[] { 0x08 }, 960)]         // config 1 SILK NB 20 ms
    [InlineData(new byte[] { 0x18 }, 2880)]        // config 3 SILK NB 60 ms
    public void Duration_comes_from_the_toc(byte[] packet, int samples)
    {
        bool ok = OpusPayloader.TryGetDuration(packet, out int got);
        Assert.Equal(samples <= 5760, ok);
        Assert.Equal(samples, got);
    }

    [Fact]
    public void Timestamp_converts_from_90kHz()
    {
        Assert.Equal(48_000u, OpusPayloader.RtpTimestampFrom90kHz(90_000));
        Assert.Equal(960u, OpusPayloader.RtpTimestampFrom90kHz(1800));
    }

    [Fact]
    public void Depacketizer_copies_each_packet_and_counts_loss()
    {
        var buffer = new byte[100];
        var d = new OpusDepacketizer(buffer);
        DepacketizeResult r = d.Push(1, 960, false, [0xF8, 1, 2]);
        Assert.Equal(DepacketizeStatus.FrameReady, r.Status);
        Assert.Equal(new byte[] { 0xF8, 1, 2 }, buffer[..r.FrameLength]);

        r = d.Push(4, 3840, false, [0xF8, 9]);
        Assert.Equal(DepacketizeStatus.FrameReady, r.Status);
        Assert.Equal(2, r.LostPackets);
        Assert.Equal(2, d.PacketsLost);
        Assert.Equal(3840u, r.Timestamp);

        Assert.Equal(DepacketizeStatus.Discarded, d.Push(3, 0, false, [0xF8]).Status);
        Assert.Equal(DepacketizeStatus.Malformed, d.Push(5, 0, false, []).Status);
        Assert.Equal(DepacketizeStatus.Overflow, d.Push(6, 0, false, new byte[101]).Status);
    }
}
