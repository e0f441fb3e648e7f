using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>Reads the sender SSRC of the first RTCP packet of a compound packet.</summary>
/// <remarks>
/// RFC 3550 §6.4.1 (first 8 bytes, the part SRTCP leaves in the clear) and the SRTCP trailer of
/// RFC 3711 §3.4:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    RC   |   PT=SR=200   |             length            |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         SSRC of sender                        |
/// +>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+>+
/// |          rest of the compound RTCP packet (encrypted)         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |E|                         SRTCP index                         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                 authentication tag (80 bits)                  |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// (AES-GCM puts the 128-bit tag before the E/index word, RFC 7714 §9.)
/// </remarks>
internal static class RtcpHeaderReader
{
    public const int HeaderLength = 8;

    public static bool TryRead(ReadOnlySpan<byte> packet, out uint ssrc)
    {
        if (packet.Length < HeaderLength || (packet[0] >> 6) != 2)
        {
            ssrc = 0;
            return false;
        }

        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(4));
        return true;
    }
}
