using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Core.Tests;

public class FrameReaderTests
{
    [Fact]
    public void A_full_reader_drops_and_then_waits_for_the_next_keyframe()
    {
        using var pool = new PinnedBufferPool(64, 32, diagnostic: true);
        var reader = new FrameReader("slow", videoCapacity: 2, audioCapacity: 2);
        MediaFrame Make(bool key)
        {
            Assert.True(pool.TryRent(out var lease));
            return new MediaFrame { Codec = CodecId.H264, Flags = key ? FrameFlags.Keyframe : FrameFlags.None, Lease = lease, Length = 1 };
        }
        var results = new List<bool>();
        foreach (bool key in new[] { true, false, false, false, true, false })
        {
            MediaFrame f = Make(key);
            results.Add(reader.TryWrite(f));
            f.Release();
            if (results.Count == 4)
            {
                // consumer catches up
                while (reader.TryRead(out var got))
                {
                    got.Release();
                }
            }
        }
        // 1,2 fit; 3 dropped (full); 4 dropped (waiting for a keyframe); 5 is a keyframe; 6 follows it
        Assert.Equal([true, true, false, false, true, true], results);
        Assert.Equal(2, reader.Dropped);
        reader.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public async Task Wait_returns_when_a_frame_arrives_from_another_thread()
    {
        using var pool = new PinnedBufferPool(64, 4, diagnostic: true);
        using var reader = new FrameReader("r");
        var writer = Task.Run(async () =>
        {
            await Task.Delay(50);
            Assert.True(pool.TryRent(out var lease));
            var f = new MediaFrame { Codec = CodecId.Opus, Lease = lease, Length = 1 };
            reader.TryWrite(f);
            f.Release();
        });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        while (!reader.WaitForFrame(1_000) && sw.ElapsedMilliseconds < 5_000)
        {
        }
        Assert.True(reader.TryRead(out var got));
        Assert.Equal(CodecId.Opus, got.Codec);
        got.Release();
        await writer;
    }
}
