using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.WebRtc.Rtp.Tests.H264;

/// <summary>Feeds packetized cases into a depacketizer with running sequence numbers and timestamps.</summary>
internal sealed class H264Roundtrip
{
    private readonly byte[] _buffer;

    public H264Roundtrip(int bufferSize = 1 << 20)
    {
        _buffer = new byte[bufferSize];
        Depacketizer = new H264Depacketizer(_buffer);
    }

    public H264Depacketizer Depacketizer { get; }

    public ushort Sequence { get; set; } = 65_530; // exercise wrap-around

    public uint Timestamp { get; set; } = 90_000;

    /// <summary>Primes the depacketizer with a small keyframe so later non-key units are emitted.</summary>
    public void Prime()
    {
        H264Case key = new("prime", [H264Case.Nal(5, 100)], H264Cases.Sps, H264Cases.Pps, true, 1168, []);
        Assert.NotNull(Feed(key));
    }

    /// <summary>Sends every packet of <paramref name="c"/>, skipping the indices in <paramref name="drop"/>; returns the emitted unit or null.</summary>
    public byte[]? Feed(H264Case c, params int[] drop)
    {
        byte[]? emitted = null;
        List<(byte[] Payload, bool Marker)> packets = H264Cases.Packetize(c);
        for (int i = 0; i < packets.Count; i++)
        {
            ushort seq = Sequence++;
            if (drop.Contains(i))
            {
                continue;
            }
            DepacketizeResult r = Depacketizer.Push(seq, Timestamp, packets[i].Marker, packets[i].Payload);
            if (r.HasFrame)
            {
                Assert.Null(emitted);
                Assert.Equal(Timestamp, r.Timestamp);
                LastWasKeyframe = r.IsKeyframe;
                emitted = _buffer[..r.FrameLength];
            }
        }
        Timestamp += 3000;
        return emitted;
    }

    public bool LastWasKeyframe { get; private set; }
}
