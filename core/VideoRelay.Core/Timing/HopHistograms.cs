using VideoRelay.Core.Media;

namespace VideoRelay.Core.Timing;

/// <summary>
/// One histogram per hop (time from the previous stamped hop) plus end-to-end from capture, for one
/// stream/rendition. <see cref="RecordFrame"/> reads a frame's <see cref="TimingRecord"/> once it has
/// passed the last hop this node stamps.
/// </summary>
public sealed class HopHistograms
{
    private readonly LatencyHistogram[] _sinceCapture = new LatencyHistogram[TimingRecord.HopCount];
    private readonly LatencyHistogram[] _sincePrevious = new LatencyHistogram[TimingRecord.HopCount];

    public HopHistograms(string name)
    {
        Name = name;
        for (int i = 0; i < TimingRecord.HopCount; i++)
        {
            _sinceCapture[i] = new LatencyHistogram($"{name}/capture→{(Hop)i}");
            _sincePrevious[i] = new LatencyHistogram($"{name}/→{(Hop)i}");
        }
    }

    public string Name { get; }

    /// <summary>Time from capture to <paramref name="hop"/>.</summary>
    public LatencyHistogram SinceCapture(Hop hop) => _sinceCapture[(int)hop];

    /// <summary>Time from the previous stamped hop to <paramref name="hop"/>.</summary>
    public LatencyHistogram SincePrevious(Hop hop) => _sincePrevious[(int)hop];

    /// <summary>Records every stamped hop of a frame.</summary>
    public void RecordFrame(in TimingRecord timing)
    {
        long capture = timing.CaptureUnixNs;
        long previous = capture;
        for (int i = 1; i < TimingRecord.HopCount; i++)
        {
            long stamp = timing[(Hop)i];
            if (stamp == 0)
            {
                continue;
            }
            if (capture != 0)
            {
                _sinceCapture[i].Record(stamp - capture);
            }
            if (previous != 0)
            {
                _sincePrevious[i].Record(stamp - previous);
            }
            previous = stamp;
        }
    }

    /// <summary>Records one hop on its own (e.g. the viewer's presentation, reported later by a beacon).</summary>
    public void RecordHop(Hop hop, long sinceCaptureNs, long sincePreviousNs = -1)
    {
        if (sinceCaptureNs >= 0)
        {
            _sinceCapture[(int)hop].Record(sinceCaptureNs);
        }
        if (sincePreviousNs >= 0)
        {
            _sincePrevious[(int)hop].Record(sincePreviousNs);
        }
    }
}
