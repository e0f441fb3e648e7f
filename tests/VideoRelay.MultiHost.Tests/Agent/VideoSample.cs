namespace VideoRelay.MultiHost.Tests.Agent;

/// <summary>One video access unit a viewer received, with the capture-time SEI the origin's demo source put in it.</summary>
/// <param name="RtpTimestamp">90 kHz RTP timestamp.</param>
/// <param name="Counter">The SEI frame counter (-1 when the access unit carried no SEI).</param>
/// <param name="CaptureUnixMs">The SEI capture time (0 when none).</param>
/// <param name="ReceivedUnixNs">When its last packet arrived at the viewer.</param>
/// <param name="Keyframe">It holds an IDR slice.</param>
public readonly record struct VideoSample(uint RtpTimestamp, long Counter, long CaptureUnixMs, long ReceivedUnixNs, bool Keyframe)
{
    /// <summary>Receive time minus capture time, ms.</summary>
    public double LatencyMs => ReceivedUnixNs / 1e6 - CaptureUnixMs;
}
