using System.Collections.Concurrent;
using VideoRelay.Core.Buffers;

namespace VideoRelay.Core.Tests;

public class PinnedBufferPoolTests
{
    [Fact]
    public unsafe void Blocks_are_64_byte_aligned_and_distinct()
    {
        using var pool = new PinnedBufferPool(1000, 8, diagnostic: true);
        var leases = new List<BufferLease>();
        for (int i = 0; i < 8; i++)
        {
            Assert.True(pool.TryRent(1000, out var lease));
            Assert.Equal(0, (long)lease.Pointer % 64);
            Assert.True(lease.Capacity >= 1000);
            leases.Add(lease);
        }
        Assert.Equal(8, leases.Select(l => (long)l.Pointer).Distinct().Count());
        leases.ForEach(l => l.Release());
    }

    [Fact]
    public void Exhausted_pool_refuses_and_counts_a_miss()
    {
        using var pool = new PinnedBufferPool(64, 2, diagnostic: true);
        Assert.True(pool.TryRent(out var a));
        Assert.True(pool.TryRent(out var b));
        Assert.False(pool.TryRent(out _));
        Assert.False(pool.TryRent(65, out _)); // too large for a block
        Assert.Equal(2, pool.Misses);
        Assert.Equal(2, pool.Rented);
        a.Release();
        b.Release();
        Assert.Equal(2, pool.Returned);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Last_release_returns_the_block()
    {
        using var pool = new PinnedBufferPool(64, 1, diagnostic: true);
        Assert.True(pool.TryRent(out var lease));
        lease.AddRef();
        lease.AddRef();
        lease.Release();
        lease.Release();
        Assert.False(pool.TryRent(out _));
        lease.Release();
        Assert.True(pool.TryRent(out var again));
        Assert.Same(lease, again);
        again.Release();
    }

    [Fact]
    public void Double_release_is_a_clear_error()
    {
        using var pool = new PinnedBufferPool(64, 1, diagnostic: true);
        Assert.True(pool.TryRent(out var lease));
        lease.Release();
        var e = Assert.Throws<InvalidOperationException>(() => lease.Release());
        Assert.Contains("double release", e.Message);
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Diagnostic_pool_fails_at_dispose_when_a_block_is_still_rented()
    {
        var pool = new PinnedBufferPool(64, 4, "leaky", diagnostic: true);
        Assert.True(pool.TryRent(out _));
        var e = Assert.Throws<InvalidOperationException>(() => pool.Dispose());
        Assert.Contains("1 block(s) still rented", e.Message);
    }

    [Fact]
    public async Task Leases_cross_threads_and_all_come_back()
    {
        using var pool = new PinnedBufferPool(256, 64, diagnostic: true);
        var handoff = new BlockingCollection<BufferLease>(32);
        const int Rounds = 200_000;
        var consumer = Task.Run(() =>
        {
            int seen = 0;
            foreach (BufferLease lease in handoff.GetConsumingEnumerable())
            {
                Assert.Equal((byte)(seen & 0xFF), lease.Span[0]);
                seen++;
                lease.Release();
            }
            return seen;
        });
        var producer = Task.Run(() =>
        {
            for (int i = 0; i < Rounds; i++)
            {
                BufferLease lease;
                while (!pool.TryRent(out lease))
                {
                    Thread.Yield();
                }
                lease.Span[0] = (byte)(i & 0xFF);
                lease.SetLength(1);
                handoff.Add(lease);
            }
            handoff.CompleteAdding();
        });
        await producer;
        Assert.Equal(Rounds, await consumer);
        Assert.Equal(Rounds, pool.Rented);
        Assert.Equal(Rounds, pool.Returned);
    }

    [Fact]
    public void Concurrent_rent_and_release_from_two_threads_keeps_the_free_list_intact()
    {
        using var pool = new PinnedBufferPool(64, 16, diagnostic: true);
        void Work()
        {
            for (int i = 0; i < 200_000; i++)
            {
                if (pool.TryRent(out var lease))
                {
                    lease.Span[0] = 1;
                    lease.Release();
                }
            }
        }
        Parallel.Invoke(Work, Work);
        Assert.Equal(0, pool.Outstanding);
        var all = new List<BufferLease>();
        while (pool.TryRent(out var lease))
        {
            all.Add(lease);
        }
        Assert.Equal(16, all.Count);
        Assert.Equal(16, all.Distinct().Count());
        all.ForEach(l => l.Release());
    }

    [Fact]
    public void Tiered_pool_picks_the_smallest_class_that_fits()
    {
        using var pools = new TieredBufferPool("t", true, (128, 2), (4096, 2));
        Assert.True(pools.TryRent(100, out var small));
        Assert.Equal(128, small.Capacity);
        Assert.True(pools.TryRent(1000, out var big));
        Assert.Equal(4096, big.Capacity);
        Assert.False(pools.TryRent(5000, out _));
        small.Release();
        big.Release();
    }
}
