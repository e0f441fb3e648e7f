using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// Rewrites fields of an already serialised RTP packet in place: the edge packetizes once per rendition,
/// then per viewer copies the packet and rewrites SSRC, sequence number, timestamp, payload type, marker
/// and per-transport extension values before SRTP. The fixed-header setters expect a packet of at least
/// 12 bytes (the caller's own); the extension setters parse and return false when the element is absent.
/// </summary>
/// <remarks>
/// Every viewer's copy of a rendition packet has its extension elements at the same offsets, so the fan-out
/// loop should call <see cref="TryFindExtension"/> once per rendition packet and then, per viewer,
/// <see cref="SetTransportSequenceNumberAt"/> (a 2-byte store) rather than re-parse with
/// <see cref="TrySetTransportSequenceNumber"/>.
/// </remarks>
public static class RtpRewriter
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSequenceNumber(Span<byte> packet, ushort sequence) =>
        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(2, 2), sequence);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetTimestamp(Span<byte> packet, uint timestamp) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4, 4), timestamp);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetSsrc(Span<byte> packet, uint ssrc) =>
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(8, 4), ssrc);

    /// <summary>Sets the 7-bit payload type, keeping the marker bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetPayloadType(Span<byte> packet, byte payloadType) =>
        packet[1] = (byte)((packet[1] & 0x80) | (payloadType & 0x7F));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetMarker(Span<byte> packet, bool marker) =>
        packet[1] = (byte)(marker ? packet[1] | 0x80 : packet[1] & 0x7F);

    /// <summary>Rewrites all five fixed-header fields at once.</summary>
    public static void Rewrite(Span<byte> packet, uint ssrc, ushort sequence, uint timestamp, byte payloadType, bool marker)
    {
        packet[1] = (byte)((marker ? 0x80 : 0) | (payloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(2, 2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(4, 4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.Slice(8, 4), ssrc);
    }

    /// <summary>Finds extension element <paramref name="id"/>: its offset in the packet and its length.</summary>
    public static bool TryFindExtension(ReadOnlySpan<byte> packet, int id, out int offset, out int length)
    {
        offset = length = 0;
        if (!RtpHeader.TryRead(packet, out RtpHeader header, out _) || !header.HasExtension)
        {
            return false;
        }
        ReadOnlySpan<byte> block = packet.Slice(header.ExtensionOffset, header.ExtensionLength);
        if (!RtpExtensionReader.TryFind(header.ExtensionProfile, block, id, out ReadOnlySpan<byte> value))
        {
            return false;
        }
        if (value.IsEmpty)
        {
            return false;
        }
        // value is a slice of block: recover its position from the two references.
        offset = header.ExtensionOffset
            + (int)Unsafe.ByteOffset(ref MemoryMarshal.GetReference(block), ref MemoryMarshal.GetReference(value));
        length = value.Length;
        return true;
    }

    /// <summary>Writes a transport-wide sequence number at an offset found once with <see cref="TryFindExtension"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SetTransportSequenceNumberAt(Span<byte> packet, int offset, ushort sequence) =>
        BinaryPrimitives.WriteUInt16BigEndian(packet.Slice(offset, 2), sequence);

    /// <summary>Overwrites the transport-wide sequence number element <paramref name="id"/> in place.</summary>
    public static bool TrySetTransportSequenceNumber(Span<byte> packet, int id, ushort sequence) =>
        TryFindExtension(packet, id, out int offset, out int length)
        && length == RtpExtensionValues.TransportSequenceNumberLength
        && RtpExtensionValues.TryWriteTransportSequenceNumber(packet.Slice(offset, length), sequence);

    /// <summary>Overwrites the abs-send-time element <paramref name="id"/> in place.</summary>
    public static bool TrySetAbsSendTime(Span<byte> packet, int id, uint value24) =>
        TryFindExtension(packet, id, out int offset, out int length)
        && length == RtpExtensionValues.AbsSendTimeLength
        && RtpExtensionValues.TryWriteAbsSendTime(packet.Slice(offset, length), value24);
}
