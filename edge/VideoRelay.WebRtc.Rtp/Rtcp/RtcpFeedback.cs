using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>The common header of RFC 4585 feedback messages (RTPFB/PSFB).</summary>
/// <remarks>
/// <code>
///   0                   1                   2                   3
///   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |V=2|P|   FMT   |       PT      |          length               |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                  SSRC of packet sender                        |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  |                  SSRC of media source                         |
///  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  :            Feedback Control Information (FCI)                 :
/// </code>
/// </remarks>
internal static class RtcpFeedback
{
    /// <summary>Header plus the two SSRCs.</summary>
    public const int HeaderSize = 12;

    public static bool TryRead(ReadOnlySpan<byte> src, byte packetType, int format, out uint senderSsrc, out uint mediaSsrc,
        out ReadOnlySpan<byte> fci, out int consumed)
    {
        senderSsrc = mediaSsrc = 0;
        fci = default;
        if (!RtcpHeader.TryReadPacket(src, packetType, out RtcpHeader header, out ReadOnlySpan<byte> body, out consumed)
            || header.Format != format
            || body.Length < 8)
        {
            consumed = 0;
            return false;
        }
        senderSsrc = BinaryPrimitives.ReadUInt32BigEndian(body);
        mediaSsrc = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        fci = body[8..];
        return true;
    }

    public static void WriteHeader(Span<byte> dst, byte packetType, int format, int packetLength, uint senderSsrc, uint mediaSsrc)
    {
        RtcpHeader.Write(dst, format, packetType, packetLength);
        BinaryPrimitives.WriteUInt32BigEndian(dst[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(dst[8..], mediaSsrc);
    }
}
