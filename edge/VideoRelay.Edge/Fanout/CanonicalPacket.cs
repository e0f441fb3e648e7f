using System.Buffers.Binary;

namespace VideoRelay.Edge.Fanout;

/// <summary>
/// A rendition's packet as packetized once: a 12-byte RTP fixed header carrying the rendition-wide sequence
/// number, the 90 kHz (or 48 kHz) timestamp and the marker, then the payload. Per viewer only this header is
/// rebuilt (viewer SSRC, sequence, timestamp offset, payload type, header extensions) before SRTP.
/// </summary>
internal static class CanonicalPacket
{
    public const int HeaderSize = 12;

    public static void WriteHeader(Span<byte> dst, ushort sequence, uint timestamp, bool marker)
    {
        dst[0] = 0x80;
        dst[1] = (byte)(marker ? 0x80 : 0);
        BinaryPrimitives.WriteUInt16BigEndian(dst[2..], sequence);
        BinaryPrimitives.WriteUInt32BigEndian(dst[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(dst[8..], 0);
    }

    public static ushort Sequence(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);

    public static uint Timestamp(ReadOnlySpan<byte> packet) => BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);

    public static bool Marker(ReadOnlySpan<byte> packet) => (packet[1] & 0x80) != 0;

    public static ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> packet) => packet[HeaderSize..];
}
