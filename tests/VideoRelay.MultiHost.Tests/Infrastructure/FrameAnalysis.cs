using VideoRelay.MultiHost.Tests.Agent;

namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>Checks on what a viewer received: frame counters with no hole, RTP timestamps one frame apart, latency percentiles.</summary>
internal static class FrameAnalysis
{
    /// <summary>The demo source's frame interval at 30 fps in 90 kHz units (its PTS is frameIndex × 3000).</summary>
    public const uint FrameInterval90k = 3000;

    /// <summary>Holes in the SEI frame counters, as "after N came M" strings (empty: every frame arrived, in order).</summary>
    public static List<string> CounterGaps(IReadOnlyList<VideoSample> samples)
    {
        var gaps = new List<string>();
        for (int i = 1; i < samples.Count; i++)
        {
            if (samples[i].Counter != samples[i - 1].Counter + 1)
            {
                gaps.Add($"after {samples[i - 1].Counter} came {samples[i].Counter}");
            }
        }
        return gaps;
    }

    /// <summary>Consecutive frames whose RTP timestamps differ by anything but one frame interval.</summary>
    public static List<string> RtpGaps(IReadOnlyList<VideoSample> samples)
    {
        var gaps = new List<string>();
        for (int i = 1; i < samples.Count; i++)
        {
            uint step = samples[i].RtpTimestamp - samples[i - 1].RtpTimestamp;
            if (step != FrameInterval90k)
            {
                gaps.Add($"frame {samples[i].Counter}: RTP step {(int)step}");
            }
        }
        return gaps;
    }

    /// <summary>The nearest-rank percentile (0–100) of receive-minus-capture latency, ms.</summary>
    public static double LatencyPercentile(IEnumerable<VideoSample> samples, double percentile)
    {
        double[] sorted = samples.Where(s => s.Counter >= 0).Select(s => s.LatencyMs).Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        int rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>"p50 … ms, p99 … ms, max … ms (n frames)".</summary>
    public static string Describe(IReadOnlyCollection<VideoSample> samples) =>
        $"p50 {LatencyPercentile(samples, 50):0.0} ms, p99 {LatencyPercentile(samples, 99):0.0} ms, max {LatencyPercentile(samples, 100):0.0} ms ({samples.Count} frames)";

    /// <summary>Frames received within [from, from + length).</summary>
    public static int CountReceived(IEnumerable<VideoSample> samples, long fromUnixNs, TimeSpan length)
    {
        long until = fromUnixNs + (long)length.TotalNanoseconds;
        return samples.Count(s => s.ReceivedUnixNs >= fromUnixNs && s.ReceivedUnixNs < until);
    }

    /// <summary>Now as Unix ns (CLOCK_REALTIME, as the agent's receive stamps).</summary>
    public static long UnixNowNs() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
}
