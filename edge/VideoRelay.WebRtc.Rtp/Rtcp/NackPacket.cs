using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Generic NACK (RFC 4585 §6.2.1): RTPFB, FMT 1, a list of (PID, BLP) FCIs.</summary>
/// <remarks>
/// <code>
///  FCI:
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |            PID                |             BLP               |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  PID: a lost packet; bit i of BLP (LSB = 0) set: PID + i + 1 lost too.
/// </code>
/// </remarks>
public readonly ref struct NackPacket
{
    public const int FciSize = 4;

    private readonly ReadOnlySpan<byte> _fci;

    private NackPacket(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _fci = fci;
    }

    public uint SenderSsrc { get; }
    public uint MediaSsrc { get; }

    public int FciCount => _fci.Length / FciSize;

    /// <summary>Packet id and bitmask of following lost packets of FCI <paramref name="index"/>.</summary>
    public (ushort Pid, ushort Blp) GetFci(int index)
    {
        if ((uint)index >= (uint)FciCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, "outside the FCI list");
        }
        ReadOnlySpan<byte> f = _fci.Slice(index * FciSize, FciSize);
        return (BinaryPrimitives.ReadUInt16BigEndian(f), BinaryPrimitives.ReadUInt16BigEndian(f[2..]));
    }

    /// <summary>Every lost sequence number, FCI by FCI (use with <c>foreach</c>; allocates nothing).</summary>
    public NackLostEnumerator LostSequenceNumbers => new(_fci);

    /// <summary>Copies the lost sequence numbers into <paramref name="dst"/>; returns how many were written.</summary>
    public int CopyLostTo(Span<ushort> dst)
    {
        int n = 0;
        foreach (ushort seq in LostSequenceNumbers)
        {
            if (n == dst.Length)
            {
                break;
            }
            dst[n++] = seq;
        }
        return n;
    }

    public static bool TryRead(ReadOnlySpan<byte> src, out NackPacket nack, out int consumed)
    {
        nack = default;
        if (!RtcpFeedback.TryRead(src, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatNack, out uint sender, out uint media, out ReadOnlySpan<byte> fci, out consumed)
            || fci.Length == 0 || fci.Length % FciSize != 0)
        {
            consumed = 0;
            return false;
        }
        nack = new NackPacket(sender, media, fci);
        return true;
    }

    /// <summary>FCIs needed for <paramref name="lost"/> (ascending in RTP sequence order, wrap allowed).</summary>
    public static int CountFci(ReadOnlySpan<ushort> lost)
    {
        int count = 0;
        int i = 0;
        while (i < lost.Length)
        {
            ushort pid = lost[i++];
            while (i < lost.Length && (ushort)(lost[i] - pid) is >= 1 and <= 16)
            {
                i++;
            }
            count++;
        }
        return count;
    }

    public static int GetSerializedSize(ReadOnlySpan<ushort> lost) => RtcpFeedback.HeaderSize + CountFci(lost) * FciSize;

    /// <summary>
    /// Builds a NACK for <paramref name="lost"/>, listed in ascending RTP sequence order: each FCI takes the
    /// next number as PID and folds the following ones within 16 into its BLP.
    /// </summary>
    public static bool TryWrite(Span<byte> dst, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lost, out int written)
    {
        int size = GetSerializedSize(lost);
        if (lost.IsEmpty || dst.Length < size || size / 4 - 1 > ushort.MaxValue)
        {
            written = 0;
            return false;
        }
        RtcpFeedback.WriteHeader(dst, RtcpPacketType.TransportFeedback, RtcpPacketType.FormatNack, size, senderSsrc, mediaSsrc);
        int o = RtcpFeedback.HeaderSize;
        int i = 0;
        while (i < lost.Length)
        {
            ushort pid = lost[i++];
            int blp = 0;
            int d;
            while (i < lost.Length && (d = (ushort)(lost[i] - pid)) is >= 1 and <= 16)
            {
                blp |= 1 << (d - 1);
                i++;
            }
            BinaryPrimitives.WriteUInt16BigEndian(dst[o..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(dst[(o + 2)..], (ushort)blp);
            o += FciSize;
        }
        written = size;
        return true;
    }
}
