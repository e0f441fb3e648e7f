namespace VideoRelay.Bench.Latency;

/// <summary>Per-frame samples (capture time, latency) of one measured path, for the latency-over-time plot.</summary>
internal sealed class LatencySeries(string name)
{
    private readonly List<(long CaptureUnixNs, long LatencyNs)> _samples = [];
    private readonly Lock _lock = new();

    public string Name { get; } = name;

    public void Add(long captureUnixNs, long latencyNs)
    {
        lock (_lock)
        {
            _samples.Add((captureUnixNs, latencyNs));
        }
    }

    /// <summary>A copy sorted by capture time.</summary>
    public (long CaptureUnixNs, long LatencyNs)[] Snapshot()
    {
        lock (_lock)
        {
            var copy = _samples.ToArray();
            Array.Sort(copy, (a, b) => a.CaptureUnixNs.CompareTo(b.CaptureUnixNs));
            return copy;
        }
    }
}
