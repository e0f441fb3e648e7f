using System.Buffers.Binary;
using System.Numerics;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Receiver Estimated Maximum Bitrate (draft-alvestrand-rmcat-remb-03): PSFB, FMT 15, "REMB".</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P| FMT=15  |   PT=206      |             length            |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                  SSRC of packet sender                        |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                  SSRC of media source (0)                     |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |  Unique identifier 'R' 'E' 'M' 'B'                            |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |  Num SSRC     | BR Exp    |  BR Mantissa                      |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |   SSRC feedback                                               |
///  :  ...                                                          :
/// </code>
/// Bitrate (bits/s) = mantissa (18 bits) × 2^exp (6 bits); written rounded down to what fits.
/// </remarks>
public readonly ref struct RembPacket
{
    private const uint Identifier = 0x52454D42; // "REMB"
    private const int FixedFci = 8;
    private const int MantissaBits = 18;

    private readonly ReadOnlySpan<byte> _ssrcs;

    private RembPacket(uint senderSsrc, ulong bitrate, ReadOnlySpan<byte> ssrcs)
    {
        SenderSsrc = senderSsrc;
        Bitrate = bitrate;
        _ssrcs = ssrcs;
    }

    public uint SenderSsrc { get; }

    /// <summary>Estimated maximum bitrate in bits per second.</summary>
    public ulong Bitrate { get; }

    public int SsrcCount => _ssrcs.Length / 4;

    public uint GetSsrc(int index)
    {
        if ((uint)index >= (uint)SsrcCount)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, "outside the SSRC list");
        }
        return BinaryPrimitives.ReadUInt32BigEndian(_ssrcs[(4 * index)..]);
    }

    /// <summary>True when <paramref name="src"/> starts with a PSFB FMT 15 packet carrying the "REMB" identifier.</summary>
    public static bool IsRemb(ReadOnlySpan<byte> src) =>
        src.Length >= RtcpFeedback.HeaderSize + 4
        && src[1] == RtcpPacketType.PayloadFeedback
        && (src[0] & 0x1F) == RtcpPacketType.FormatApplicationLayer
        && BinaryPrimitives.ReadUInt32BigEndian(src[RtcpFeedback.HeaderSize..]) == Identifier;

    public static bool TryRead(ReadOnlySpan<byte> src, out RembPacket remb, out int consumed)
    {
        remb = default;
        if (!RtcpFeedback.TryRead(src, RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatApplicationLayer, out uint sender, out _, out ReadOnlySpan<byte> fci, out consumed)
            || fci.Length < FixedFci
            || BinaryPrimitives.ReadUInt32BigEndian(fci) != Identifier
            || fci[4] * 4 > fci.Length - FixedFci)
        {
            consumed = 0;
            return false;
        }
        int exp = fci[5] >> 2;
        ulong mantissa = (ulong)(((fci[5] & 3) << 16) | (fci[6] << 8) | fci[7]);
        ulong bitrate = exp > 64 - MantissaBits ? ulong.MaxValue : mantissa << exp;
        remb = new RembPacket(sender, bitrate, fci.Slice(FixedFci, fci[4] * 4));
        return true;
    }

    public static int GetSerializedSize(int ssrcCount) => RtcpFeedback.HeaderSize + FixedFci + 4 * ssrcCount;

    public static bool TryWrite(Span<byte> dst, uint senderSsrc, ulong bitrate, ReadOnlySpan<uint> ssrcs, out int written)
    {
        int size = GetSerializedSize(ssrcs.Length);
        if (ssrcs.Length > byte.MaxValue || dst.Length < size)
        {
            written = 0;
            return false;
        }
        int exp = Math.Max(0, 64 - BitOperations.LeadingZeroCount(bitrate) - MantissaBits);
        ulong mantissa = bitrate >> exp;
        RtcpFeedback.WriteHeader(dst, RtcpPacketType.PayloadFeedback, RtcpPacketType.FormatApplicationLayer, size, senderSsrc, 0);
        Span<byte> fci = dst[RtcpFeedback.HeaderSize..];
        BinaryPrimitives.WriteUInt32BigEndian(fci, Identifier);
        fci[4] = (byte)ssrcs.Length;
        fci[5] = (byte)((exp << 2) | (int)(mantissa >> 16));
        fci[6] = (byte)(mantissa >> 8);
        fci[7] = (byte)mantissa;
        for (int i = 0; i < ssrcs.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(fci[(FixedFci + 4 * i)..], ssrcs[i]);
        }
        written = size;
        return true;
    }
}
