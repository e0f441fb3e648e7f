using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Full Intra Request (RFC 5104 §4.3.1): PSFB, FMT 4, one 8-byte FCI entry per media sender.</summary>
/// <remarks>
/// <code>
///  FCI entry:
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                              SSRC                             |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  | Seq nr.       |    Reserved (0)                               |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The media source SSRC of the common header is 0 (RFC 5104 §4.3.1.2).
/// </remarks>
public readonly ref struct FullIntraRequest
{
    public const int EntrySize = 8;

    private readonly ReadOnlySpan<byte> _fci;

    private FullIntraRequest(uint senderSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        _fci = fci;
    }

    public uint SenderSsrc { get; }

    public int Count => _fci.Length / EntrySize;

    public FirEntry this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, "outside the FCI list");
            }
            ReadOnlySpan<byte> e = _fci.Slice(index * EntrySize, EntrySize);
            return new FirEntry(BinaryPrimitives.ReadUInt32BigEndian(e), e[4]);
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> src, out FullIntraRequest fir, out int consumed)
    {
        fir = default;
        if (!RtcpFeedback.TryRead(src, RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatFir, out uint sender, out _, out ReadOnlySpan<byte> fci, out consumed)
            || fci.Length == 0 || fci.Length % EntrySize != 0)
        {
            consumed = 0;
            return false;
        }
        fir = new FullIntraRequest(sender, fci);
        return true;
    }

    public static int GetSerializedSize(int entryCount) => RtcpFeedback.HeaderSize + entryCount * EntrySize;

    public static bool TryWrite(Span<byte> dst, uint senderSsrc, ReadOnlySpan<FirEntry> entries, out int written)
    {
        int size = GetSerializedSize(entries.Length);
        if (entries.IsEmpty || dst.Length < size)
        {
            written = 0;
            return false;
        }
        RtcpFeedback.WriteHeader(dst, RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatFir, size, senderSsrc, 0);
        int o = RtcpFeedback.HeaderSize;
        foreach (FirEntry entry in entries)
        {
            BinaryPrimitives.WriteUInt32BigEndian(dst[o..], entry.Ssrc);
            dst[o + 4] = entry.SequenceNumber;
            dst.Slice(o + 5, 3).Clear();
            o += EntrySize;
        }
        written = size;
        return true;
    }
}
