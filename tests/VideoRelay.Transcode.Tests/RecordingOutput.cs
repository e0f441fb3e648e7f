using VideoRelay.Core.Media;

namespace VideoRelay.Transcode.Tests;

/// <summary>Copies every output frame out of its lease (and releases it) for assertions.</summary>
internal sealed class RecordingOutput : ITranscodeOutput
{
    private readonly Lock _lock = new();

    public Dictionary<int, List<(MediaFrame Frame, byte[] Payload)>> Video { get; } = [];
    public Dictionary<int, List<CodecConfig>> VideoConfigs { get; } = [];
    public List<(MediaFrame Frame, byte[] Payload)> Audio { get; } = [];
    public List<CodecConfig> AudioConfigs { get; } = [];

    public void OnVideoConfig(int rendition, CodecConfig config)
    {
        lock (_lock)
        {
            Get(VideoConfigs, rendition).Add(config);
        }
    }

    public void OnVideoFrame(int rendition, in MediaFrame frame)
    {
        byte[] payload = frame.Payload.ToArray();
        MediaFrame copy = frame;
        copy.Lease = null;
        frame.Release();
        lock (_lock)
        {
            Get(Video, rendition).Add((copy, payload));
        }
    }

    public void OnAudioConfig(CodecConfig opusConfig)
    {
        lock (_lock)
        {
            AudioConfigs.Add(opusConfig);
        }
    }

    public void OnAudioFrame(in MediaFrame frame)
    {
        byte[] payload = frame.Payload.ToArray();
        MediaFrame copy = frame;
        copy.Lease = null;
        frame.Release();
        lock (_lock)
        {
            Audio.Add((copy, payload));
        }
    }

    private static List<T> Get<T>(Dictionary<int, List<T>> map, int key)
    {
        if (!map.TryGetValue(key, out List<T>? list))
        {
            map[key] = list = [];
        }
        return list;
    }
}
