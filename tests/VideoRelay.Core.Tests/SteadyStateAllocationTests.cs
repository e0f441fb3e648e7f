using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;

namespace VideoRelay.Core.Tests;

public class SteadyStateAllocationTests
{
    [Fact]
    public void Rent_enqueue_dequeue_release_loop_allocates_nothing()
    {
        using var pool = new PinnedBufferPool(2048, 64, diagnostic: true);
        var ring = new SpscRing<MediaFrame>(32);
        var waiter = new SpscWaiter();
        var histogram = new LatencyHistogram();

        void Loop(int iterations)
        {
            for (int i = 0; i < iterations; i++)
            {
                Assert.True(pool.TryRent(1500, out BufferLease lease));
                lease.Span[0] = (byte)i;
                lease.SetLength(1500);
                var frame = new MediaFrame { Codec = CodecId.H264, Lease = lease, Length = 1500, Pts = i * 3000L };
                frame.Timing.StampNow(Hop.Demuxed);
                ring.TryEnqueue(frame);
                waiter.Notify();
                ring.TryDequeue(out MediaFrame got);
                got.Timing.StampNow(Hop.EdgeRx);
                histogram.Record(got.Timing.Between(Hop.Demuxed, Hop.EdgeRx));
                got.Release();
            }
        }

        Loop(10_000); // warm-up: JIT, tiering, static constructors
        long before = GC.GetAllocatedBytesForCurrentThread();
        Loop(100_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Frame_reader_fan_out_allocates_nothing()
    {
        using var pool = new PinnedBufferPool(2048, 64, diagnostic: true);
        using var a = new FrameReader("a", 16, 16);
        using var b = new FrameReader("b", 16, 16);

        void Loop(int iterations)
        {
            for (int i = 0; i < iterations; i++)
            {
                Assert.True(pool.TryRent(100, out BufferLease lease));
                var frame = new MediaFrame { Codec = i % 3 == 0 ? CodecId.Opus : CodecId.H264, Flags = FrameFlags.Keyframe, Lease = lease, Length = 100 };
                a.TryWrite(frame);
                b.TryWrite(frame);
                frame.Release();
                while (a.TryRead(out MediaFrame f))
                {
                    f.Release();
                }
                while (b.TryRead(out MediaFrame f))
                {
                    f.Release();
                }
            }
        }

        Loop(5_000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Loop(50_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(0, pool.Outstanding);
    }
}
