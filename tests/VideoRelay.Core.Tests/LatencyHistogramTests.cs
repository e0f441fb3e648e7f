using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;

namespace VideoRelay.Core.Tests;

public class LatencyHistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_distribution_are_where_they_should_be()
    {
        var h = new LatencyHistogram();
        for (int v = 1; v <= 100_000; v++)
        {
            h.Record(v * 1000L); // 1 µs … 100 ms, uniform
        }
        LatencySummary s = h.Summarize();
        Assert.Equal(100_000, s.Count);
        AssertNear(1_000, s.Min);
        AssertNear(50_000_000, s.P50);
        AssertNear(90_000_000, s.P90);
        AssertNear(99_000_000, s.P99);
        AssertNear(99_900_000, s.P999);
        AssertNear(99_990_000, s.P9999);
        AssertNear(100_000_000, s.Max);
        AssertNear(50_000_500, (long)s.Mean);
        // stddev of a uniform on [a, b] is (b − a)/√12
        AssertNear((long)(99_999_000 / Math.Sqrt(12)), (long)s.StdDev);
    }

    [Fact]
    public void Percentiles_of_a_known_skewed_distribution()
    {
        var h = new LatencyHistogram();
        for (int i = 0; i < 9_900; i++)
        {
            h.Record(2_000_000); // 99 % at 2 ms
        }
        for (int i = 0; i < 100; i++)
        {
            h.Record(50_000_000); // 1 % at 50 ms
        }
        LatencySummary s = h.Summarize();
        AssertNear(2_000_000, s.P50);
        AssertNear(2_000_000, s.P99);
        AssertNear(50_000_000, s.P999);
        AssertNear(50_000_000, s.Max);
    }

    [Fact]
    public void Negative_and_huge_values_are_clamped_and_counted()
    {
        var h = new LatencyHistogram();
        h.Record(-5);
        h.Record(LatencyHistogram.HighestTrackableNs * 2);
        Assert.Equal(2, h.Clamped);
        Assert.Equal(2, h.Count);
    }

    [Fact]
    public void Hop_histograms_record_since_capture_and_since_previous_hop()
    {
        var hops = new HopHistograms("s");
        var t = new TimingRecord { CaptureUnixNs = 1_000_000_000 };
        t.Stamp(Hop.IngestRx, 1_010_000_000);
        t.Stamp(Hop.EdgeRx, 1_012_000_000);
        hops.RecordFrame(t);
        AssertNear(10_000_000, hops.SinceCapture(Hop.IngestRx).Summarize().P50);
        AssertNear(12_000_000, hops.SinceCapture(Hop.EdgeRx).Summarize().P50);
        AssertNear(2_000_000, hops.SincePrevious(Hop.EdgeRx).Summarize().P50);
        Assert.Equal(0, hops.SincePrevious(Hop.Demuxed).Count);
    }

    private static void AssertNear(long expected, long actual)
    {
        // HdrHistogram with 3 significant digits: within 0.1 % (+1 for tiny values)
        long tolerance = Math.Max(1, expected / 1000);
        Assert.InRange(actual, expected - tolerance, expected + tolerance);
    }
}
