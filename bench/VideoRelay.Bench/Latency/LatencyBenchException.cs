namespace VideoRelay.Bench.Latency;

/// <summary>The bench could not run (ffmpeg failed, the stream never went live, nothing was received).</summary>
public sealed class LatencyBenchException(string message) : Exception(message);
