using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>
/// Builds transport-wide CC feedback from per-packet receive deltas, choosing chunks greedily: a run-length
/// chunk for 14+ equal statuses (or the equal tail), else a 1-bit vector of 14 when no large delta is
/// among them, else a run-length chunk for 7+, else a 2-bit vector of 7.
/// </summary>
public static class TransportFeedbackWriter
{
    /// <summary>Marks a packet that was not received in the delta list.</summary>
    public const int NotReceived = int.MinValue;

    private const int MaxRun = 0x1FFF;

    /// <summary>Bytes of the whole RTCP packet (padded to 32 bits with zeros) for <paramref name="deltaTicks"/>.</summary>
    public static int GetSerializedSize(ReadOnlySpan<int> deltaTicks)
    {
        int body = RtcpFeedback.HeaderSize + TransportFeedback.FixedFci + WriteChunks(deltaTicks, default, measure: true);
        foreach (int d in deltaTicks)
        {
            body += Symbol(d);
        }
        return (body + 3) & ~3;
    }

    /// <summary>
    /// Writes feedback for packets <paramref name="baseSequence"/>, +1, … whose receive deltas (250 µs ticks,
    /// or <see cref="NotReceived"/>) are <paramref name="deltaTicks"/>. False when a delta does not fit 16 bits
    /// signed, there are more than 65535 packets, or <paramref name="dst"/> is too small.
    /// </summary>
    public static bool TryWrite(Span<byte> dst, uint senderSsrc, uint mediaSsrc, ushort baseSequence, int referenceTime,
        byte feedbackPacketCount, ReadOnlySpan<int> deltaTicks, out int written)
    {
        written = 0;
        if (deltaTicks.Length > ushort.MaxValue || referenceTime < -0x800000 || referenceTime > 0x7FFFFF)
        {
            return false;
        }
        foreach (int d in deltaTicks)
        {
            if (d != NotReceived && (d < short.MinValue || d > short.MaxValue))
            {
                return false;
            }
        }
        int size = GetSerializedSize(deltaTicks);
        if (dst.Length < size)
        {
            return false;
        }
        RtcpFeedback.WriteHeader(dst, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatTransportWideCc, size, senderSsrc, mediaSsrc);
        Span<byte> fci = dst[RtcpFeedback.HeaderSize..size];
        BinaryPrimitives.WriteUInt16BigEndian(fci, baseSequence);
        BinaryPrimitives.WriteUInt16BigEndian(fci[2..], (ushort)deltaTicks.Length);
        fci[4] = (byte)(referenceTime >> 16);
        fci[5] = (byte)(referenceTime >> 8);
        fci[6] = (byte)referenceTime;
        fci[7] = feedbackPacketCount;
        int o = TransportFeedback.FixedFci;
        o += WriteChunks(deltaTicks, fci[o..], measure: false);
        foreach (int d in deltaTicks)
        {
            switch (Symbol(d))
            {
                case 1:
                    fci[o++] = (byte)d;
                    break;
                case 2:
                    BinaryPrimitives.WriteInt16BigEndian(fci[o..], (short)d);
                    o += 2;
                    break;
            }
        }
        fci[o..].Clear();
        written = size;
        return true;
    }

    private static int Symbol(int delta) => delta == NotReceived ? 0 : delta is >= 0 and <= 255 ? 1 : 2;

    private static int WriteChunks(ReadOnlySpan<int> deltas, Span<byte> dst, bool measure)
    {
        int o = 0;
        int i = 0;
        while (i < deltas.Length)
        {
            int remaining = deltas.Length - i;
            int first = Symbol(deltas[i]);
            int run = 1;
            while (run < remaining && run < MaxRun && Symbol(deltas[i + run]) == first)
            {
                run++;
            }
            int vector14 = Math.Min(14, remaining);
            bool oneBitFits = true;
            for (int k = 0; k < vector14 && oneBitFits; k++)
            {
                oneBitFits = Symbol(deltas[i + k]) <= 1;
            }
            ushort chunk;
            int used;
            if (run >= 14 || run == remaining || (!oneBitFits && run >= 7))
            {
                chunk = (ushort)((first << 13) | run);
                used = run;
            }
            else if (oneBitFits)
            {
                chunk = 0x8000;
                for (int k = 0; k < vector14; k++)
                {
                    chunk |= (ushort)(Symbol(deltas[i + k]) << (13 - k));
                }
                used = vector14;
            }
            else
            {
                used = Math.Min(7, remaining);
                chunk = 0xC000;
                for (int k = 0; k < used; k++)
                {
                    chunk |= (ushort)(Symbol(deltas[i + k]) << (12 - 2 * k));
                }
            }
            if (!measure)
            {
                BinaryPrimitives.WriteUInt16BigEndian(dst[o..], chunk);
            }
            o += TransportFeedback.ChunkSize;
            i += used;
        }
        return o;
    }
}
