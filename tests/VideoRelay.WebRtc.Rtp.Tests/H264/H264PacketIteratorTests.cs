using System.Buffers.Binary;
using VideoRelay.WebRtc.Rtp.H264;

namespace VideoRelay.WebRtc.Rtp.Tests.H264;

public sealed class H264PacketIteratorTests
{
    [Theory]
    [MemberData(nameof(H264Cases.Data), MemberType = typeof(H264Cases))]
    public void Packetizes_case_as_expected(H264Case c)
    {
        byte[] avccBefore = c.Avcc;
        List<(byte[] Payload, bool Marker)> packets = H264Cases.Packetize(c);

        Assert.Equal(c.ExpectedPackets, packets.Select(p => H264Case.Describe(p.Payload)).ToArray());
        Assert.All(packets, p => Assert.InRange(p.Payload.Length, 1, c.MaxPayload));
        Assert.Equal(Enumerable.Range(0, packets.Count).Select(i => i == packets.Count - 1).ToArray(),
            packets.Select(p => p.Marker).ToArray());
        Assert.Equal(avccBefore, c.Avcc); // input not mutated
    }

    [Fact]
    public void StapA_carries_sps_then_pps_with_16_bit_sizes_and_max_nri()
    {
        H264Case c = H264Cases.All[1];
        byte[] stap = H264Cases.Packetize(c)[0].Payload;

        Assert.Equal(0x60 | 24, stap[0]); // NRI 3 (from SPS/PPS), type 24
        Assert.Equal(H264Cases.Sps.Length, BinaryPrimitives.ReadUInt16BigEndian(stap.AsSpan(1)));
        Assert.Equal(H264Cases.Sps, stap.AsSpan(3, H264Cases.Sps.Length).ToArray());
        int o = 3 + H264Cases.Sps.Length;
        Assert.Equal(H264Cases.Pps.Length, BinaryPrimitives.ReadUInt16BigEndian(stap.AsSpan(o)));
        Assert.Equal(H264Cases.Pps, stap.AsSpan(o + 2).ToArray());
    }

    [Fact]
    public void FuA_keeps_nri_and_type_and_splits_data_after_the_nal_header()
    {
        byte[] nal = H264Case.Nal(1, 1169, nri: 2);
        H264Case c = new("fu", [nal], [], [], false, 1168, ["FU-A S 1", "FU-A E 1"]);
        List<(byte[] Payload, bool Marker)> packets = H264Cases.Packetize(c);

        Assert.Equal(0x40 | 28, packets[0].Payload[0]);
        Assert.Equal(0x80 | 1, packets[0].Payload[1]);
        Assert.Equal(0x40 | 1, packets[1].Payload[1]);
        byte[] rebuilt = [nal[0], .. packets[0].Payload[2..], .. packets[1].Payload[2..]];
        Assert.Equal(nal, rebuilt);
        Assert.Equal(1168, packets[0].Payload.Length);
        Assert.Equal(2 + 2, packets[1].Payload.Length);
    }

    [Fact]
    public void Malformed_avcc_length_yields_nothing()
    {
        byte[] avcc = H264Case.ToAvcc([H264Case.Nal(1, 50)]);
        BinaryPrimitives.WriteUInt32BigEndian(avcc, 51); // one byte past the end
        var it = new H264PacketIterator(avcc, H264Cases.Sps, H264Cases.Pps, keyframe: true);
        var dst = new byte[1200];

        Assert.False(it.TryNext(dst, out _, out _));
        Assert.Equal(H264PacketizeStatus.Malformed, it.Status);
    }

    [Fact]
    public void Truncated_length_prefix_is_malformed()
    {
        byte[] avcc = [.. H264Case.ToAvcc([H264Case.Nal(1, 10)]), 0, 0];
        Assert.False(H264PacketIterator.IsWellFormed(avcc));
    }

    [Fact]
    public void Too_small_destination_does_not_advance()
    {
        byte[] avcc = H264Case.ToAvcc([H264Case.Nal(1, 500)]);
        var it = new H264PacketIterator(avcc, default, default, keyframe: false);
        var small = new byte[100];
        var big = new byte[1200];

        Assert.False(it.TryNext(small, out _, out _));
        Assert.Equal(H264PacketizeStatus.DestinationTooSmall, it.Status);
        Assert.True(it.TryNext(big, out int written, out bool marker));
        Assert.Equal(500, written);
        Assert.True(marker);
        Assert.Equal(H264PacketizeStatus.Ok, it.Status);
    }

    [Fact]
    public void Access_unit_of_only_an_aud_yields_nothing()
    {
        byte[] avcc = H264Case.ToAvcc([H264Case.Nal(9, 2)]);
        var it = new H264PacketIterator(avcc, default, default, keyframe: false);
        Assert.False(it.TryNext(new byte[1200], out _, out _));
        Assert.Equal(H264PacketizeStatus.Ok, it.Status);
    }

    [Fact]
    public void Rejects_budget_below_three_bytes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new H264PacketIterator(default, default, default, false, 2));
    }
}
