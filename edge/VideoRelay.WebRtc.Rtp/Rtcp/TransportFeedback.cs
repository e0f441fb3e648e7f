using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>
/// Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1):
/// RTPFB, FMT 15. Read as a view over the packet, validated whole on read; <see cref="GetEnumerator"/>
/// yields one <see cref="TransportFeedbackPacket"/> per reported sequence number without allocating.
/// </summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|  FMT=15 |    PT=205     |           length              |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                     SSRC of packet sender                     |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                      SSRC of media source                     |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |      base sequence number     |      packet status count      |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                 reference time                | fb pkt. count |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |          packet chunk         |         packet chunk          |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  .                                                               .
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |         packet chunk          |  recv delta   |  recv delta   |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  .                                                               .
///
///  run length chunk:  |0| S (2) |      run length (13)      |
///  status vector:     |1|s| 14 × 1-bit (s=0) or 7 × 2-bit (s=1) symbols, first in the high bits |
///  reference time: signed 24 bits, 64 ms units; deltas: 250 µs units, 1 byte (small) or 2 signed (large)
/// </code>
/// </remarks>
public readonly ref struct TransportFeedback
{
    internal const int FixedFci = 8;
    internal const int ChunkSize = 2;

    private readonly ReadOnlySpan<byte> _chunks;
    private readonly ReadOnlySpan<byte> _deltas;

    private TransportFeedback(uint senderSsrc, uint mediaSsrc, ushort baseSequence, int statusCount, int referenceTime,
        byte feedbackCount, ReadOnlySpan<byte> chunks, ReadOnlySpan<byte> deltas)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        BaseSequenceNumber = baseSequence;
        PacketStatusCount = statusCount;
        ReferenceTime = referenceTime;
        FeedbackPacketCount = feedbackCount;
        _chunks = chunks;
        _deltas = deltas;
    }

    public uint SenderSsrc { get; }
    public uint MediaSsrc { get; }
    public ushort BaseSequenceNumber { get; }
    public int PacketStatusCount { get; }

    /// <summary>Reference time, signed, in 64 ms units.</summary>
    public int ReferenceTime { get; }

    public byte FeedbackPacketCount { get; }

    public TransportFeedbackEnumerator GetEnumerator() =>
        new(_chunks, _deltas, BaseSequenceNumber, PacketStatusCount, ReferenceTime * 64_000L);

    public static bool TryRead(ReadOnlySpan<byte> src, out TransportFeedback feedback, out int consumed)
    {
        feedback = default;
        if (!RtcpFeedback.TryRead(src, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatTransportWideCc,
                out uint sender, out uint media, out ReadOnlySpan<byte> fci, out consumed)
            || fci.Length < FixedFci)
        {
            consumed = 0;
            return false;
        }
        ushort baseSeq = BinaryPrimitives.ReadUInt16BigEndian(fci);
        int count = BinaryPrimitives.ReadUInt16BigEndian(fci[2..]);
        int reference = ((fci[4] << 24) | (fci[5] << 16) | (fci[6] << 8)) >> 8; // sign-extend 24 bits
        byte fbCount = fci[7];

        // Walk the chunks once to find where the deltas start and how many bytes they need.
        int o = FixedFci;
        int covered = 0;
        int deltaBytes = 0;
        while (covered < count)
        {
            if (fci.Length - o < ChunkSize)
            {
                consumed = 0;
                return false;
            }
            ushort chunk = BinaryPrimitives.ReadUInt16BigEndian(fci[o..]);
            o += ChunkSize;
            int n = TransportFeedbackEnumerator.SymbolsIn(chunk);
            for (int k = 0; k < n && covered < count; k++, covered++)
            {
                int symbol = TransportFeedbackEnumerator.SymbolAt(chunk, k);
                if (symbol == 3)
                {
                    consumed = 0;
                    return false; // reserved
                }
                deltaBytes += symbol;
            }
        }
        if (fci.Length - o < deltaBytes)
        {
            consumed = 0;
            return false;
        }
        feedback = new TransportFeedback(sender, media, baseSeq, count, reference, fbCount,
            fci[FixedFci..o], fci.Slice(o, deltaBytes));
        return true;
    }
}
