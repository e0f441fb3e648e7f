using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.Bench;

/// <summary>
/// RFC 6184 packetizing of one access unit with <see cref="H264PacketIterator"/> (max payload 1,168 bytes), each
/// payload written behind a 12-byte header slot of its own 1,200-byte packet, as the edge packetizes once per
/// rendition into canonical packets: a 60 KB keyframe (SPS+PPS STAP-A, SEI, one IDR slice in FU-As → 55 packets) and a
/// 6 KB P-frame (SEI, one slice in FU-As → 7 packets). One operation = one access unit; divide by the packet count
/// (<see cref="Packets"/>, printed at setup) for the cost per packet.
/// </summary>
[MemoryDiagnoser]
public class H264PacketizeBenchmarks
{
    private const int SlotSize = 1200;
    private const int HeaderSize = 12;
    private const int MaxPayload = H264PacketIterator.DefaultMaxPayloadSize;

    private byte[] _au = null!;
    private byte[] _sps = null!;
    private byte[] _pps = null!;
    private byte[] _packets = null!;
    private bool _keyframe;

    [Params("keyframe 60 KB", "P-frame 6 KB")]
    public string Frame { get; set; } = "";

    /// <summary>Packets one access unit makes.</summary>
    public int Packets { get; private set; }

    [GlobalSetup]
    public void Setup()
    {
        _keyframe = Frame.StartsWith("keyframe", StringComparison.Ordinal);
        int total = _keyframe ? 60 * 1024 : 6 * 1024;
        var random = new Random(42);
        _sps = [0x67, 0x42, 0xC0, 0x1F, 0xDA, 0x01, 0x40, 0x16, 0xE8, 0x40, 0x00, 0x00, 0x03, 0x00, 0x40, 0x00, 0x00, 0x0F, 0x03, 0xC6, 0x0C, 0xA8];
        _pps = [0x68, 0xCE, 0x3C, 0x80];
        byte[] sei = new byte[28];
        random.NextBytes(sei);
        sei[0] = 0x06;
        byte[] slice = new byte[total - 8 - sei.Length];
        random.NextBytes(slice);
        slice[0] = (byte)(_keyframe ? 0x65 : 0x41);
        _au = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(_au, sei.Length);
        sei.CopyTo(_au, 4);
        BinaryPrimitives.WriteInt32BigEndian(_au.AsSpan(4 + sei.Length), slice.Length);
        slice.CopyTo(_au, 8 + sei.Length);
        _packets = GC.AllocateArray<byte>(128 * SlotSize, pinned: true);
        Packets = Packetize();
        Console.WriteLine($"// {Frame}: {_au.Length} bytes → {Packets} packets");
    }

    [Benchmark]
    public int Packetize()
    {
        var iterator = new H264PacketIterator(_au, _sps, _pps, _keyframe, MaxPayload);
        Span<byte> packets = _packets;
        int n = 0;
        while (iterator.TryNext(packets.Slice(n * SlotSize + HeaderSize, MaxPayload), out int written, out bool marker))
        {
            packets[n * SlotSize + 1] = (byte)(marker ? 0x80 : 0);
            BinaryPrimitives.WriteUInt16BigEndian(packets[(n * SlotSize + 2)..], (ushort)written);
            n++;
        }
        return n;
    }
}
