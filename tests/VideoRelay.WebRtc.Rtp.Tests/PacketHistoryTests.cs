using VideoRelay.Core.Buffers;

namespace VideoRelay.WebRtc.Rtp.Tests;

public sealed class PacketHistoryTests
{
    /// <summary>Rents a lease holding <paramref name="seq"/> so a lookup can be checked by content.</summary>
    private static BufferLease Packet(PinnedBufferPool pool, ushort seq)
    {
        Assert.True(pool.TryRent(out BufferLease lease));
        lease.Span[0] = (byte)(seq >> 8);
        lease.Span[1] = (byte)seq;
        lease.SetLength(2);
        return lease;
    }

    private static ushort SeqOf(BufferLease lease) => (ushort)((lease.Span[0] << 8) | lease.Span[1]);

    /// <summary>Inserts and drops the caller's own reference, as the sending loop does.</summary>
    private static void Store(PacketHistory history, PinnedBufferPool pool, ushort seq)
    {
        BufferLease lease = Packet(pool, seq);
        Assert.True(history.Insert(seq, lease));
        lease.Release();
    }

    [Fact]
    public void Keeps_the_last_capacity_packets_and_releases_the_rest()
    {
        using var pool = new PinnedBufferPool(64, 32, "history", diagnostic: true);
        using (var history = new PacketHistory(8))
        {
            for (ushort s = 0; s < 20; s++)
            {
                Store(history, pool, s);
            }
            Assert.Equal(8, history.Count);
            Assert.Equal(8, pool.Outstanding);
            for (ushort s = 0; s < 20; s++)
            {
                bool found = history.TryGet(s, out BufferLease lease);
                Assert.Equal(s >= 12, found);
                if (found)
                {
                    Assert.Equal(s, SeqOf(lease));
                    Assert.Equal(2, lease.RefCount);
                    lease.Release();
                }
            }
        }
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Works_across_sequence_wrap_around()
    {
        using var pool = new PinnedBufferPool(64, 32, "history", diagnostic: true);
        using var history = new PacketHistory(16);
        ushort[] seqs = [65530, 65531, 65532, 65533, 65534, 65535, 0, 1, 2, 3];
        foreach (ushort s in seqs)
        {
            Store(history, pool, s);
        }
        foreach (ushort s in seqs)
        {
            Assert.True(history.TryGet(s, out BufferLease lease));
            Assert.Equal(s, SeqOf(lease));
            lease.Release();
        }
        Assert.False(history.TryGet(4, out _));      // not sent yet
        Assert.False(history.TryGet(65529, out _));  // before the first
    }

    [Fact]
    public void Wraps_many_times_without_leaking()
    {
        using var pool = new PinnedBufferPool(64, 64, "history", diagnostic: true);
        using (var history = new PacketHistory(32))
        {
            ushort seq = 0;
            for (int i = 0; i < 200_000; i++, seq++)
            {
                Store(history, pool, seq);
            }
            Assert.True(history.TryGet((ushort)(seq - 1), out BufferLease newest));
            Assert.Equal((ushort)(seq - 1), SeqOf(newest));
            newest.Release();
            Assert.True(history.TryGet((ushort)(seq - 32), out BufferLease oldest));
            oldest.Release();
            Assert.False(history.TryGet((ushort)(seq - 33), out _));
            Assert.Equal(32, pool.Outstanding);
        }
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Late_insert_inside_the_window_is_kept_and_outside_refused()
    {
        using var pool = new PinnedBufferPool(64, 32, "history", diagnostic: true);
        using var history = new PacketHistory(8);
        Store(history, pool, 100);
        Store(history, pool, 103);
        Store(history, pool, 101); // late but inside
        BufferLease old = Packet(pool, 95);
        Assert.False(history.Insert(95, old)); // 95 ≤ 103 − 8
        old.Release();
        BufferLease dup = Packet(pool, 101);
        Assert.False(history.Insert(101, dup));
        dup.Release();

        Assert.True(history.TryGet(101, out BufferLease l));
        Assert.Equal(101, SeqOf(l));
        l.Release();
        Assert.False(history.TryGet(102, out _));
        Assert.Equal(3, history.Count);
    }

    [Fact]
    public void Forward_jump_releases_everything_skipped()
    {
        using var pool = new PinnedBufferPool(64, 32, "history", diagnostic: true);
        using var history = new PacketHistory(8);
        for (ushort s = 0; s < 8; s++)
        {
            Store(history, pool, s);
        }
        Store(history, pool, 11); // 0–3 fall out of (3, 11]
        Assert.Equal(5, history.Count);
        Assert.Equal(5, pool.Outstanding);
        Store(history, pool, 1000); // everything falls out
        Assert.Equal(1, history.Count);
        Assert.Equal(1, pool.Outstanding);
        history.Clear();
        Assert.Equal(0, pool.Outstanding);
    }

    [Fact]
    public void Caller_reference_outlives_eviction()
    {
        using var pool = new PinnedBufferPool(64, 32, "history", diagnostic: true);
        using var history = new PacketHistory(2);
        Store(history, pool, 1);
        Assert.True(history.TryGet(1, out BufferLease held));
        Store(history, pool, 2);
        Store(history, pool, 3); // evicts 1 while the caller still holds it
        Assert.Equal(1, held.RefCount);
        Assert.Equal(1, SeqOf(held));
        held.Release();
        Assert.Equal(2, pool.Outstanding);
    }

    [Fact]
    public void Dispose_without_release_is_caught_by_the_diagnostic_pool()
    {
        var pool = new PinnedBufferPool(64, 4, "leak", diagnostic: true);
        BufferLease lease = Packet(pool, 1);
        var history = new PacketHistory(4);
        history.Insert(1, lease);
        lease.Release();
        Assert.Throws<InvalidOperationException>(pool.Dispose); // the history still holds it
        history.Dispose();
        Assert.Equal(0, pool.Outstanding);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(65536)]
    public void Capacity_must_be_a_power_of_two_up_to_32768(int capacity)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PacketHistory(capacity));
    }
}
