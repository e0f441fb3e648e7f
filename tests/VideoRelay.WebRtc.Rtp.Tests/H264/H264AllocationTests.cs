using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.WebRtc.Rtp.Tests.H264;

public sealed class H264AllocationTests
{
    [Fact]
    public void Packetizing_1000_access_units_allocates_nothing()
    {
        byte[] avcc = H264Case.ToAvcc([H264Case.Nal(9, 2), H264Case.Nal(6, 30), H264Case.Nal(5, 20_000)]);
        byte[] sps = H264Cases.Sps;
        byte[] pps = H264Cases.Pps;
        var dst = new byte[1200];
        long packets = PacketizeMany(avcc, sps, pps, dst, 10); // warm-up (JIT)

        // Steady state: up to three windows, so a JIT tier-up landing mid-loop on a busy machine is not counted.
        long allocated = -1;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            packets = PacketizeMany(avcc, sps, pps, dst, 1000);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(0, allocated);
        Assert.Equal(1000 * (1 + 1 + 18), packets); // STAP-A, SEI, 18 fragments of the IDR
    }

    [Fact]
    public void Depacketizing_1000_access_units_allocates_nothing()
    {
        byte[] avcc = H264Case.ToAvcc([H264Case.Nal(5, 20_000)]);
        var wire = new List<(byte[] Payload, bool Marker)>();
        var dst = new byte[1200];
        var it = new H264PacketIterator(avcc, H264Cases.Sps, H264Cases.Pps, keyframe: true);
        while (it.TryNext(dst, out int n, out bool m))
        {
            wire.Add((dst[..n], m));
        }
        (byte[] Payload, bool Marker)[] packets = [.. wire];
        var d = new H264Depacketizer(new byte[64 * 1024]);
        ushort seq = 0;
        uint ts = 0;
        DepacketizeMany(d, packets, ref seq, ref ts, 10);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = DepacketizeMany(d, packets, ref seq, ref ts, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1000, frames);
    }

    private static long PacketizeMany(byte[] avcc, byte[] sps, byte[] pps, byte[] dst, int count)
    {
        long packets = 0;
        for (int i = 0; i < count; i++)
        {
            var it = new H264PacketIterator(avcc, sps, pps, keyframe: true);
            while (it.TryNext(dst, out _, out _))
            {
                packets++;
            }
        }
        return packets;
    }

    private static int DepacketizeMany(H264Depacketizer d, (byte[] Payload, bool Marker)[] packets, ref ushort seq, ref uint ts, int count)
    {
        int frames = 0;
        for (int i = 0; i < count; i++, ts += 3000)
        {
            foreach ((byte[] payload, bool marker) in packets)
            {
                if (d.Push(seq++, ts, marker, payload).HasFrame)
                {
                    frames++;
                }
            }
        }
        return frames;
    }
}
