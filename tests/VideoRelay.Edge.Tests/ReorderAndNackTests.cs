using VideoRelay.Core.Timing;
using VideoRelay.WhepClient.Internal;

namespace VideoRelay.Edge.Tests;

/// <summary>The viewer's reorder buffer and NACK generator, with time given explicitly.</summary>
public class ReorderAndNackTests
{
    private static readonly long Ms = Clock.Frequency / 1000;

    [Fact]
    public void Reorder_buffer_puts_a_late_retransmission_back_in_its_place()
    {
        var buffer = new RtpReorderBuffer(16, giveUpTicks: 100 * Ms);
        var delivered = new List<ushort>();
        void Arrive(ushort seq, long now)
        {
            switch (buffer.Classify(seq, out int skipped))
            {
                case RtpReorderBuffer.Placement.Direct:
                    Assert.Equal(0, skipped);
                    delivered.Add(seq);
                    buffer.Advance(seq);
                    break;
                case RtpReorderBuffer.Placement.Buffer:
                    Assert.True(buffer.TryInsert(seq, [(byte)seq], now));
                    break;
            }
            int s = 0;
            while (buffer.TryTake(now, out ushort taken, out ReadOnlySpan<byte> packet, ref s))
            {
                Assert.Equal((byte)taken, packet[0]);
                delivered.Add(taken);
            }
            Assert.Equal(0, s);
        }

        Arrive(65533, 0);
        Arrive(65534, 1 * Ms);
        Arrive(0, 2 * Ms);      // 65535 missing (across the wrap)
        Arrive(1, 3 * Ms);
        Assert.Equal([65533, 65534], delivered);
        Arrive(65535, 20 * Ms); // the retransmission
        Assert.Equal([65533, 65534, 65535, 0, 1], delivered);
        Assert.Equal(0, buffer.Buffered);
        Assert.Equal(RtpReorderBuffer.Placement.Late, buffer.Classify(65535, out _));
    }

    [Fact]
    public void Reorder_buffer_gives_up_on_a_hole_after_the_give_up_time()
    {
        var buffer = new RtpReorderBuffer(16, giveUpTicks: 100 * Ms);
        Assert.Equal(RtpReorderBuffer.Placement.Direct, buffer.Classify(10, out _));
        buffer.Advance(10);
        Assert.Equal(RtpReorderBuffer.Placement.Buffer, buffer.Classify(13, out _));
        Assert.True(buffer.TryInsert(13, [13], 5 * Ms));
        int skipped = 0;
        Assert.False(buffer.TryTake(104 * Ms, out _, out _, ref skipped));
        Assert.True(buffer.TryTake(106 * Ms, out ushort seq, out _, ref skipped));
        Assert.Equal(13, seq);
        Assert.Equal(2, skipped);
        Assert.Equal(RtpReorderBuffer.Placement.Late, buffer.Classify(11, out _));
    }

    [Fact]
    public void Reorder_buffer_restarts_when_a_packet_is_beyond_its_capacity()
    {
        var buffer = new RtpReorderBuffer(16, giveUpTicks: 100 * Ms);
        buffer.Classify(1, out _);
        buffer.Advance(1);
        Assert.Equal(RtpReorderBuffer.Placement.Buffer, buffer.Classify(4, out _));
        Assert.True(buffer.TryInsert(4, [4], 0));
        Assert.Equal(RtpReorderBuffer.Placement.Restart, buffer.Classify(100, out int skipped));
        Assert.Equal(98, skipped);
        Assert.Equal(0, buffer.Buffered);
    }

    [Fact]
    public void Nack_tracker_nacks_a_gap_at_once_retries_then_gives_up()
    {
        var nack = new NackTracker(retryTicks: 30 * Ms, giveUpTicks: 200 * Ms, maxNacks: 3);
        Span<ushort> due = stackalloc ushort[16];
        nack.OnPacket(100, 0);
        nack.OnPacket(104, 1 * Ms); // 101..103 missing
        Assert.Equal([101, 102, 103], due[..nack.CollectDue(1 * Ms, due)].ToArray());
        Assert.Equal(0, nack.CollectDue(10 * Ms, due));
        Assert.True(nack.OnPacket(102, 12 * Ms)); // a retransmission fills its hole
        Assert.Equal([101, 103], due[..nack.CollectDue(32 * Ms, due)].ToArray());
        Assert.Equal([101, 103], due[..nack.CollectDue(63 * Ms, due)].ToArray());
        Assert.Equal(0, nack.CollectDue(100 * Ms, due)); // three NACKs each: enough
        Assert.Equal(2, nack.Count);
        Assert.Equal(0, nack.CollectDue(202 * Ms, due));
        Assert.Equal(0, nack.Count); // given up
        Assert.False(nack.OnPacket(101, 203 * Ms));
    }

    [Fact]
    public void Nack_tracker_ignores_reordering_that_was_never_nacked_and_skips_huge_gaps()
    {
        var nack = new NackTracker(retryTicks: 30 * Ms, giveUpTicks: 200 * Ms, maxNacks: 3);
        nack.OnPacket(1, 0);
        nack.OnPacket(3, 0);
        Assert.False(nack.OnPacket(2, 0)); // came before any NACK went out
        nack.OnPacket((ushort)(3 + NackTracker.Capacity + 10), 0);
        Assert.Equal(1, nack.Overflows);
        Assert.Equal(0, nack.Count);
    }
}
