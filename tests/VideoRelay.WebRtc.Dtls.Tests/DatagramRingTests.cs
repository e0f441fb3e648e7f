using VideoRelay.WebRtc.Dtls.Internal;

namespace VideoRelay.WebRtc.Dtls.Tests;

public class DatagramRingTests
{
    [Fact]
    public void Fills_to_capacity_then_refuses_and_wraps_after_reads()
    {
        var ring = new DatagramRing(capacity: 2, slotSize: 8);
        Assert.Equal(-1, ring.TryDequeue(new byte[8]));
        Assert.True(ring.TryEnqueue([1]));
        Assert.True(ring.TryEnqueue([2, 2]));
        Assert.False(ring.TryEnqueue([3]));
        Assert.Equal(2, ring.Count);

        byte[] buffer = new byte[8];
        for (int lap = 0; lap < 5; lap++)
        {
            Assert.Equal(1, ring.TryDequeue(buffer));
            Assert.True(ring.TryEnqueue([(byte)(10 + lap)]));
            Assert.Equal(2, ring.TryDequeue(buffer));
            Assert.True(ring.TryEnqueue([2, 2]));
        }
        Assert.Equal(1, ring.TryDequeue(buffer));
        Assert.Equal(14, buffer[0]);
        Assert.True(ring.HasItems);
    }

    [Fact]
    public void Dequeue_into_a_short_buffer_consumes_without_copying()
    {
        var ring = new DatagramRing(capacity: 4, slotSize: 16);
        ring.TryEnqueue([1, 2, 3, 4]);
        byte[] small = [9, 9];
        Assert.Equal(4, ring.TryDequeue(small));
        Assert.Equal(new byte[] { 9, 9 }, small);
        Assert.False(ring.HasItems);
    }
}
