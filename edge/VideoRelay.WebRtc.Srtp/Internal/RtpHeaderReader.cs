using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// Reads just what SRTP needs from an RTP header: its full length (where encryption starts),
/// the sequence number and the SSRC.
/// </summary>
/// <remarks>
/// RFC 3550 §5.1 and §5.3.1:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|X|  CC   |M|     PT      |       sequence number         |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                           timestamp                           |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |           synchronization source (SSRC) identifier            |
/// +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
/// |            contributing source (CSRC) identifiers             |
/// |                             ....  (CC of them)                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |      defined by profile       |           length              |  if X = 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                        header extension                       |
/// |                             ....  (length 32-bit words)       |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// SRTP encrypts from the end of the extension to the end of the packet, padding included (the P
/// bit and the padding bytes are left as they are).
/// </remarks>
internal static class RtpHeaderReader
{
    public const int FixedHeaderLength = 12;

    /// <summary>Reads the header; false when the packet is shorter than the header it declares or not version 2.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out int headerLength, out ushort sequenceNumber, out uint ssrc)
    {
        headerLength = 0;
        sequenceNumber = 0;
        ssrc = 0;
        if (packet.Length < FixedHeaderLength || (packet[0] >> 6) != 2)
        {
            return false;
        }

        int length = FixedHeaderLength + 4 * (packet[0] & 0x0F);
        if ((packet[0] & 0x10) != 0)
        {
            if (packet.Length < length + 4)
            {
                return false;
            }

            length += 4 + 4 * BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(length + 2));
        }

        if (packet.Length < length)
        {
            return false;
        }

        headerLength = length;
        sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(packet.Slice(2));
        ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet.Slice(8));
        return true;
    }
}
