using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Core.Tests;

public class TrackDistributorTests
{
    [Fact]
    public void A_late_reader_starts_at_the_last_keyframe_then_gets_live_frames()
    {
        using var pool = new PinnedBufferPool(64, 64, diagnostic: true);
        var track = new TrackDistributor("v", keepGop: true);
        var early = new FrameReader("early");
        track.Subscribe(early);
        for (int i = 0; i < 10; i++)
        {
            Publish(pool, track, i, key: i % 4 == 0); // keyframes at 0, 4, 8
        }
        var late = new FrameReader("late");
        track.Subscribe(late);
        Publish(pool, track, 10, key: false);

        Assert.Equal([8, 9, 10], Drain(late));
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (long)i), Drain(early));
        late.Dispose();
        early.Dispose();
        track.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void A_reader_joining_on_a_keyframe_gets_it_once()
    {
        using var pool = new PinnedBufferPool(64, 64, diagnostic: true);
        var track = new TrackDistributor("v", keepGop: true);
        Publish(pool, track, 0, key: true);
        Publish(pool, track, 1, key: false);
        var reader = new FrameReader("r");
        track.Subscribe(reader);
        Publish(pool, track, 2, key: true);
        Assert.Equal([2], Drain(reader));
        reader.Dispose();
        track.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Closed_readers_are_dropped_from_the_list()
    {
        using var pool = new PinnedBufferPool(64, 16, diagnostic: true);
        var track = new TrackDistributor("a", keepGop: false);
        var reader = new FrameReader("r");
        track.Subscribe(reader);
        Publish(pool, track, 0, key: true);
        Assert.Equal(1, track.ReaderCount);
        reader.Dispose();
        Publish(pool, track, 1, key: false);
        Assert.Equal(0, track.ReaderCount);
        track.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    private static void Publish(PinnedBufferPool pool, TrackDistributor track, long seq, bool key)
    {
        Assert.True(pool.TryRent(out var lease));
        var frame = new MediaFrame { Codec = CodecId.H264, Sequence = seq, Flags = key ? FrameFlags.Keyframe : FrameFlags.None, Lease = lease, Length = 1 };
        track.Publish(frame);
        frame.Release();
    }

    private static List<long> Drain(FrameReader reader)
    {
        var seen = new List<long>();
        while (reader.TryRead(out var f))
        {
            seen.Add(f.Sequence);
            f.Release();
        }
        return seen;
    }
}
