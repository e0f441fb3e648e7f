using VideoRelay.TestSource;

namespace VideoRelay.TestSource.Tests;

public sealed class TestPatternGeneratorTests
{
    [Fact]
    public void Frames_move_and_carry_the_timecode()
    {
        var generator = new TestPatternGenerator(640, 360);
        byte[] a = new byte[generator.FrameSize], b = new byte[generator.FrameSize];
        generator.Render(a, 0, 1_000_000);
        generator.Render(b, 1, 1_000_033);
        Assert.Equal(640 * 360 * 3 / 2, a.Length);
        Assert.NotEqual(a, b);
        Assert.True(Timecode.TryRead(b.AsSpan(0, 640 * 360), 640, 360, 640, 1_000_000, out long ms));
        Assert.Equal(1_000_033, ms);
        // Chroma under the band is neutral, so the band stays grey after any colour conversion.
        Assert.Equal(128, a[640 * 360 + 5]);
    }

    [Fact]
    public void Renders_into_strided_planes()
    {
        var generator = new TestPatternGenerator(854, 480);
        int yStride = 896, cStride = 448;
        byte[] y = new byte[yStride * 480], u = new byte[cStride * 240], v = new byte[cStride * 240];
        generator.Render(y, yStride, u, cStride, v, cStride, 9, 1_795_000_000_000);
        Assert.True(Timecode.TryRead(y, 854, 480, yStride, 1_795_000_000_000, out long ms));
        Assert.Equal(1_795_000_000_000, ms);
    }

    [Fact]
    public void No_allocation_per_frame()
    {
        var generator = new TestPatternGenerator(1280, 720);
        byte[] frame = new byte[generator.FrameSize];
        generator.Render(frame, 0, 1_795_000_000_000);
        // Steady state: up to three windows, so a JIT tier-up landing mid-loop on a busy machine is not counted.
        long allocated = -1;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 1; i < 10; i++)
                generator.Render(frame, i, 1_795_000_000_000 + i * 33);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Rejects_odd_or_tiny_sizes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestPatternGenerator(641, 360));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TestPatternGenerator(16, 16));
    }
}
