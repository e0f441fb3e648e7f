using VideoRelay.TestSource;

namespace VideoRelay.TestSource.Tests;

public sealed class ToneGeneratorTests
{
    [Fact]
    public void Chunks_are_20ms_stereo_with_a_beep_each_second()
    {
        var tone = new ToneGenerator();
        short[] chunk = new short[ToneGenerator.ChunkLength];
        Assert.Equal(1920, chunk.Length);
        int[] peaks = new int[50];
        for (int i = 0; i < 50; i++)
        {
            tone.NextChunk(chunk);
            for (int s = 0; s < ToneGenerator.SamplesPerChunk; s++)
            {
                Assert.Equal(chunk[2 * s], chunk[2 * s + 1]);
                peaks[i] = Math.Max(peaks[i], Math.Abs((int)chunk[2 * s]));
            }
        }
        Assert.Equal(48_000, tone.Position);
        // 0–100 ms: tone + beep; later: the quiet tone only.
        for (int i = 0; i < 5; i++)
            Assert.InRange(peaks[i], 15_000, short.MaxValue);
        for (int i = 5; i < 50; i++)
            Assert.InRange(peaks[i], 6_000, 7_000);
    }

    [Fact]
    public void No_allocation_per_chunk()
    {
        var tone = new ToneGenerator();
        byte[] chunk = new byte[ToneGenerator.ChunkLength * 2];
        tone.NextChunk(chunk);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
            tone.NextChunk(chunk);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
