using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>RTCP Goodbye (RFC 3550 §6.6).</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|    SC   |   PT=BYE=203  |             length            |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                           SSRC/CSRC                           |
///  :                              ...                              :
///  +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
///  |     length    |               reason for leaving            ...  (optional)
/// </code>
/// BYE is rare, so the optional reason is decoded to a string (the only allocation of the RTCP readers).
/// </remarks>
public struct ByePacket
{
    /// <summary>Longest reason in UTF-8 bytes (8-bit length field).</summary>
    public const int MaxReasonLength = 255;

    private SsrcArray _ssrcs;

    public int SsrcCount { readonly get; private set; }

    /// <summary>Reason for leaving, or null when absent.</summary>
    public string? Reason;

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ReadOnlySpan<uint> Ssrcs => ((ReadOnlySpan<uint>)_ssrcs)[..SsrcCount];

    public bool TryAddSsrc(uint ssrc)
    {
        if (SsrcCount == RtcpHeader.MaxCount)
        {
            return false;
        }
        _ssrcs[SsrcCount++] = ssrc;
        return true;
    }

    public readonly int GetSerializedSize()
    {
        int size = RtcpHeader.Size + 4 * SsrcCount;
        if (Reason is not null)
        {
            size += (1 + Encoding.UTF8.GetByteCount(Reason) + 3) & ~3;
        }
        return size;
    }

    public static bool TryRead(ReadOnlySpan<byte> src, out ByePacket bye, out int consumed)
    {
        bye = default;
        if (!RtcpHeader.TryReadPacket(src, RtcpPacketType.Goodbye, out RtcpHeader header, out ReadOnlySpan<byte> body, out consumed)
            || body.Length < 4 * header.Count)
        {
            consumed = 0;
            return false;
        }
        for (int i = 0; i < header.Count; i++)
        {
            bye.TryAddSsrc(BinaryPrimitives.ReadUInt32BigEndian(body[(4 * i)..]));
        }
        int o = 4 * header.Count;
        if (o < body.Length)
        {
            int length = body[o];
            if (length > body.Length - o - 1)
            {
                consumed = 0;
                return false;
            }
            bye.Reason = Encoding.UTF8.GetString(body.Slice(o + 1, length));
        }
        return true;
    }

    public readonly bool TryWrite(Span<byte> dst, out int written)
    {
        int size = GetSerializedSize();
        if (dst.Length < size || (Reason is not null && Encoding.UTF8.GetByteCount(Reason) > MaxReasonLength))
        {
            written = 0;
            return false;
        }
        RtcpHeader.Write(dst, SsrcCount, RtcpPacketType.Goodbye, size);
        int o = RtcpHeader.Size;
        for (int i = 0; i < SsrcCount; i++, o += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(dst[o..], _ssrcs[i]);
        }
        if (Reason is not null)
        {
            dst[o..size].Clear();
            int n = Encoding.UTF8.GetBytes(Reason.AsSpan(), dst[(o + 1)..size]);
            dst[o] = (byte)n;
        }
        written = size;
        return true;
    }

    [InlineArray(RtcpHeader.MaxCount)]
    private struct SsrcArray
    {
        private uint _s;
    }
}
