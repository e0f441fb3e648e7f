using VideoRelay.Core.Queues;

namespace VideoRelay.Core.Tests;

public class SpscRingTests
{
    [Fact]
    public void Two_threads_move_ten_million_items_in_order_without_loss_or_duplicates()
    {
        const long Items = 10_000_000;
        var ring = new SpscRing<long>(1024);
        var waiter = new SpscWaiter();
        long received = 0, expected = 0, outOfOrder = 0;

        var consumer = new Thread(() =>
        {
            Span<long> batch = stackalloc long[64];
            while (expected < Items)
            {
                int n = ring.DequeueBatch(batch);
                if (n == 0)
                {
                    waiter.WaitForItems(ring, 10);
                    continue;
                }
                for (int i = 0; i < n; i++)
                {
                    if (batch[i] != expected)
                    {
                        outOfOrder++;
                    }
                    expected = batch[i] + 1;
                    received++;
                }
            }
        });
        consumer.Start();
        for (long i = 0; i < Items; i++)
        {
            while (!ring.TryEnqueue(i))
            {
                Thread.SpinWait(1);
            }
            if ((i & 63) == 0)
            {
                waiter.Notify();
            }
        }
        waiter.Notify();
        Assert.True(consumer.Join(TimeSpan.FromSeconds(60)), "consumer did not finish");

        Assert.Equal(Items, received);
        Assert.Equal(0, outOfOrder);
        Assert.Equal(Items, expected);
    }

    [Fact]
    public void Full_ring_refuses_and_empty_ring_yields_nothing()
    {
        var ring = new SpscRing<int>(4);
        Assert.False(ring.TryDequeue(out _));
        Assert.False(ring.HasItems);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(ring.TryEnqueue(i));
        }
        Assert.False(ring.TryEnqueue(99));
        Assert.Equal(4, ring.Count);
        Assert.True(ring.TryDequeue(out int first));
        Assert.Equal(0, first);
        Assert.True(ring.TryEnqueue(4));
        Assert.False(ring.TryEnqueue(5));
        var got = new List<int>();
        while (ring.TryDequeue(out int v))
        {
            got.Add(v);
        }
        Assert.Equal([1, 2, 3, 4], got);
        Assert.True(ring.IsEmpty);
    }

    [Fact]
    public void Batch_dequeue_takes_at_most_what_is_there_and_wraps()
    {
        var ring = new SpscRing<int>(8);
        var buffer = new int[5];
        int next = 0, expect = 0;
        for (int round = 0; round < 50; round++)
        {
            int add = round % 7;
            for (int i = 0; i < add; i++)
            {
                Assert.True(ring.TryEnqueue(next++));
            }
            int n = ring.DequeueBatch(buffer);
            Assert.Equal(Math.Min(5, add + (next - expect - add)), n);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(expect++, buffer[i]);
            }
        }
    }

    [Fact]
    public void Enqueue_batch_stops_at_capacity()
    {
        var ring = new SpscRing<int>(4);
        Assert.Equal(3, ring.EnqueueBatch([1, 2, 3]));
        Assert.Equal(1, ring.EnqueueBatch([4, 5, 6]));
        Span<int> dst = stackalloc int[8];
        Assert.Equal(4, ring.DequeueBatch(dst));
        Assert.Equal([1, 2, 3, 4], dst[..4].ToArray());
    }

    [Fact]
    public void Capacity_must_be_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpscRing<int>(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SpscRing<int>(1));
    }

    [Fact]
    public void Dequeued_reference_slots_are_cleared_so_the_ring_does_not_keep_items_alive()
    {
        var ring = new SpscRing<object>(2);
        WeakReference weak = EnqueueAndDequeue(ring);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.False(weak.IsAlive);
    }

    private static WeakReference EnqueueAndDequeue(SpscRing<object> ring)
    {
        var item = new object();
        ring.TryEnqueue(item);
        ring.TryDequeue(out _);
        return new WeakReference(item);
    }

    [Fact]
    public void Parked_consumer_is_woken_by_the_producer()
    {
        var ring = new SpscRing<int>(16);
        var waiter = new SpscWaiter(spinIterations: 1, yieldIterations: 1);
        long wokeAfterMs = -1;
        var consumer = new Thread(() =>
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            while (!ring.HasItems)
            {
                waiter.WaitForItems(ring, 5_000);
            }
            wokeAfterMs = sw.ElapsedMilliseconds;
        });
        consumer.Start();
        SpinWait.SpinUntil(() => waiter.Parks > 0, 5_000);
        Assert.True(waiter.Parks > 0, "consumer never parked while idle");
        ring.TryEnqueue(1);
        waiter.Notify();
        Assert.True(consumer.Join(5_000));
        Assert.InRange(wokeAfterMs, 0, 4_000); // woken by Notify, not by the 5 s timeout
    }
}
