using VideoRelay.TestSource;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.MultiHost.Tests.Agent;

/// <summary>A <see cref="WhepViewer"/> in the agent and the video samples it has recorded since they were last drained.</summary>
internal sealed class AgentViewer
{
    private readonly List<VideoSample> _samples = new(1024);

    public WhepViewer? Viewer { get; set; }

    /// <summary>The viewer's frame callback (receive thread): records video access units with their SEI.</summary>
    public void OnFrame(MediaKind kind, uint rtpTimestamp, bool keyframe, ReadOnlySpan<byte> payload, long receivedUnixNs)
    {
        if (kind != MediaKind.Video)
        {
            return;
        }
        bool found = SeiTimestamp.TryFindInAccessUnit(payload, out long captureMs, out uint counter);
        var sample = new VideoSample(rtpTimestamp, found ? counter : -1, found ? captureMs : 0, receivedUnixNs, keyframe);
        lock (_samples)
        {
            _samples.Add(sample);
        }
    }

    public VideoSample[] Drain()
    {
        lock (_samples)
        {
            VideoSample[] all = [.. _samples];
            _samples.Clear();
            return all;
        }
    }
}
