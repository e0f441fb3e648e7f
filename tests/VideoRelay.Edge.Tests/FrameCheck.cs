using System.Security.Cryptography;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.Edge.Tests;

/// <summary>Matches received access units to the published ones, byte for byte.</summary>
internal sealed class FrameCheck
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<(byte[] Au, bool Key)> _published;

    public FrameCheck(IReadOnlyList<(byte[] Au, bool Key)> published)
    {
        _published = published;
        for (int i = 0; i < published.Count; i++)
        {
            _index.TryAdd(Key(TestMedia.Comparable(published[i].Au)), i);
        }
    }

    /// <summary>The published index of a received access unit, or −1 when its bytes match none.</summary>
    public int IndexOf(ReadOnlySpan<byte> received) =>
        _index.TryGetValue(Key(TestMedia.Comparable(received)), out int i) ? i : -1;

    /// <summary>
    /// Asserts the received video frames are published frames <paramref name="first"/>..<paramref name="last"/>,
    /// each exactly once, in order, bit-exact (SPS/PPS/AUD aside), keyframes led by SPS + PPS.
    /// </summary>
    public void AssertContiguous(IEnumerable<ReceivedFrame> frames, int first, int last)
    {
        List<ReceivedFrame> video = frames.Where(f => f.Kind == MediaKind.Video).ToList();
        int[] indices = video.Select(f => IndexOf(f.Payload)).ToArray();
        int[] wanted = Enumerable.Range(first, last - first + 1).ToArray();
        Assert.Equal(wanted, indices.Where(i => i <= last).ToArray());
        foreach (ReceivedFrame f in video)
        {
            int i = IndexOf(f.Payload);
            if (i >= first && i <= last)
            {
                Assert.Equal(_published[i].Key, f.Keyframe);
                if (_published[i].Key)
                {
                    Assert.True(TestMedia.StartsWithParameterSets(f.Payload), $"keyframe {i} lacks the SPS/PPS STAP-A");
                }
            }
        }
    }

    private static string Key(byte[] comparable) => Convert.ToHexString(SHA256.HashData(comparable));
}
