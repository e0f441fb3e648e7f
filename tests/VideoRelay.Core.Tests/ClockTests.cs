using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;

namespace VideoRelay.Core.Tests;

public class ClockTests
{
    [Fact]
    public void Unix_now_matches_the_system_clock()
    {
        long expected = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long actual = Clock.UnixNowNs() / 1_000_000;
        Assert.InRange(actual, expected - 50, expected + 50);
    }

    [Fact]
    public void Ticks_map_to_unix_time_and_back()
    {
        Clock.Resync();
        long ticks = Clock.Ticks;
        long unix = Clock.TicksToUnixNs(ticks);
        Assert.InRange(unix, Clock.UnixNowNs() - 50_000_000, Clock.UnixNowNs() + 1_000_000);
        long back = Clock.UnixNsToTicks(unix);
        Assert.InRange(Clock.TicksToNs(Math.Abs(back - ticks)), 0, 1_000);
    }

    [Fact]
    public void Timing_record_stamps_and_measures_between_hops()
    {
        var t = new TimingRecord();
        Assert.Equal(-1, t.Between(Hop.Capture, Hop.EdgeRx));
        t.CaptureUnixNs = 100;
        t.Stamp(Hop.EdgeRx, 350);
        Assert.True(t.Has(Hop.EdgeRx));
        Assert.False(t.Has(Hop.Demuxed));
        Assert.Equal(250, t.Between(Hop.Capture, Hop.EdgeRx));
        var copy = t;
        copy.Stamp(Hop.Demuxed, 200);
        Assert.False(t.Has(Hop.Demuxed)); // a value type: copies are independent
    }
}
