using CsCheck;
using VideoRelay.WebRtc.Rtp.Rtcp;

namespace VideoRelay.WebRtc.Rtp.Tests.Rtcp;

public sealed class TransportFeedbackTests
{
    /// <summary>
    /// Hand-built feedback: base 10, 24 statuses, reference time 16 (1.024 s), fb count 7; a run-length chunk
    /// (3 × small delta), a 2-bit status vector (0,2,1,1,0,0,0) and a 1-bit status vector (1,0,1,0…0,1).
    /// </summary>
    private static readonly byte[] HandBuilt =
    [
        0x8F, 205, 0, 8,                 // V=2 FMT=15 PT=205 length=8
        0, 0, 0, 1, 0, 0, 0, 2,          // sender, media
        0, 10, 0, 24,                    // base seq 10, status count 24
        0, 0, 16, 7,                     // reference time 16, fb pkt count 7
        0x20, 0x03,                      // run length: symbol 1, run 3       → 10, 11, 12
        0xC9, 0x40,                      // 2-bit vector: 0 2 1 1 0 0 0       → 13 … 19
        0xA8, 0x01,                      // 1-bit vector: 1 0 1 0 0 0 0 0 0 0 0 0 0 1 → 20 … 33
        4, 4, 8, 0xFF, 0xF8, 0, 255, 1, 2, 100,
    ];

    [Fact]
    public void Parses_hand_built_feedback_with_both_chunk_kinds()
    {
        Assert.True(TransportFeedback.TryRead(HandBuilt, out TransportFeedback fb, out int consumed));
        Assert.Equal(36, consumed);
        Assert.Equal((1u, 2u, (ushort)10, 24, 16, (byte)7),
            (fb.SenderSsrc, fb.MediaSsrc, fb.BaseSequenceNumber, fb.PacketStatusCount, fb.ReferenceTime, fb.FeedbackPacketCount));

        var received = new Dictionary<int, (int Delta, long Arrival)>();
        var all = new List<int>();
        foreach (TransportFeedbackPacket p in fb)
        {
            all.Add(p.SequenceNumber);
            if (p.Received)
            {
                received[p.SequenceNumber] = (p.DeltaTicks, p.ArrivalMicroseconds);
            }
        }
        Assert.Equal(Enumerable.Range(10, 24), all);
        var expected = new Dictionary<int, (int, long)>
        {
            [10] = (4, 1_025_000), [11] = (4, 1_026_000), [12] = (8, 1_028_000), [14] = (-8, 1_026_000),
            [15] = (0, 1_026_000), [16] = (255, 1_089_750), [20] = (1, 1_090_000), [22] = (2, 1_090_500),
            [33] = (100, 1_115_500),
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), received.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Status_count_can_end_inside_a_vector_chunk()
    {
        byte[] packet = (byte[])HandBuilt.Clone();
        packet[15] = 12; // only 10 … 21: the 1-bit vector is used for two statuses, one received
        Assert.True(TransportFeedback.TryRead(packet, out TransportFeedback fb, out _));
        int count = 0;
        int receivedCount = 0;
        foreach (TransportFeedbackPacket p in fb)
        {
            count++;
            receivedCount += p.Received ? 1 : 0;
        }
        Assert.Equal(12, count);
        Assert.Equal(7, receivedCount);
    }

    [Fact]
    public void Reserved_symbol_is_rejected()
    {
        byte[] packet = (byte[])HandBuilt.Clone();
        packet[20] = 0x60; // run-length chunk with symbol 3
        Assert.False(TransportFeedback.TryRead(packet, out _, out _));
    }

    [Fact]
    public void Deltas_past_the_end_are_rejected()
    {
        byte[] packet = HandBuilt[..32];
        packet[3] = 7; // length matches the cut packet, but deltas are missing
        Assert.False(TransportFeedback.TryRead(packet, out _, out _));
    }

    [Fact]
    public void Negative_reference_time_is_sign_extended()
    {
        byte[] packet = (byte[])HandBuilt.Clone();
        packet[16] = 0xFF;
        packet[17] = 0xFF;
        packet[18] = 0xFF;
        Assert.True(TransportFeedback.TryRead(packet, out TransportFeedback fb, out _));
        Assert.Equal(-1, fb.ReferenceTime);
    }

    [Fact]
    public void Writer_roundtrips_mixed_statuses()
    {
        int nr = TransportFeedbackWriter.NotReceived;
        int[] deltas = [4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, nr, nr, 300, -2, 1, nr, 7, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, nr];
        AssertRoundtrip(65530, -3, deltas);
    }

    [Fact]
    public void Writer_roundtrips_random_statuses()
    {
        Gen<int> delta = Gen.Frequency((3, Gen.Int[0, 255]), (1, Gen.Int[short.MinValue, short.MaxValue]), (2, Gen.Const(TransportFeedbackWriter.NotReceived)));
        Gen.Select(Gen.UShort, Gen.Int[-0x800000, 0x7FFFFF], delta.Array[0, 400])
            .Sample((baseSeq, reference, deltas) => AssertRoundtrip(baseSeq, reference, deltas), iter: 200, threads: 1);
    }

    private static void AssertRoundtrip(ushort baseSeq, int reference, int[] deltas)
    {
        var buf = new byte[TransportFeedbackWriter.GetSerializedSize(deltas)];
        Assert.True(TransportFeedbackWriter.TryWrite(buf, 1, 2, baseSeq, reference, 9, deltas, out int n));
        Assert.Equal(buf.Length, n);
        Assert.Equal(0, n % 4);
        Assert.True(TransportFeedback.TryRead(buf, out TransportFeedback fb, out _));
        Assert.Equal(reference, fb.ReferenceTime);
        var back = new List<int>();
        ushort seq = baseSeq;
        foreach (TransportFeedbackPacket p in fb)
        {
            Assert.Equal(seq++, p.SequenceNumber);
            back.Add(p.Received ? p.DeltaTicks : TransportFeedbackWriter.NotReceived);
        }
        Assert.Equal(deltas, back);
    }
}
