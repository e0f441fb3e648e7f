using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Ice;

/// <summary>The fixed 20-byte STUN message header.</summary>
/// <remarks>
/// RFC 8489 §5, Figure 2:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0|     STUN Message Type     |         Message Length        |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                         Magic Cookie                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                     Transaction ID (96 bits)                  |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// The message length counts the bytes after the header and is always a multiple of 4.
/// </remarks>
public readonly record struct StunHeader(ushort MessageType, ushort MessageLength, StunTransactionId TransactionId)
{
    /// <summary>Header size in bytes.</summary>
    public const int Size = 20;

    /// <summary>The fixed magic cookie 0x2112A442.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>The method bits of <see cref="MessageType"/>.</summary>
    public ushort Method => StunMessageType.GetMethod(MessageType);

    /// <summary>The class bits of <see cref="MessageType"/>.</summary>
    public StunClass Class => StunMessageType.GetClass(MessageType);

    /// <summary>
    /// Reads a header: false when fewer than 20 bytes, the top two bits are set, the cookie is wrong,
    /// or the length is not a multiple of 4. Does not check that the body is present.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out StunHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (source.Length < Size || (source[0] & 0xC0) != 0
            || BinaryPrimitives.ReadUInt32BigEndian(source[4..]) != MagicCookie)
        {
            return false;
        }
        ushort length = BinaryPrimitives.ReadUInt16BigEndian(source[2..]);
        if ((length & 3) != 0)
        {
            return false;
        }
        header = new StunHeader(BinaryPrimitives.ReadUInt16BigEndian(source), length, StunTransactionId.Read(source[8..]));
        consumed = Size;
        return true;
    }

    /// <summary>True when the bytes start like a STUN message (top bits zero, magic cookie present).</summary>
    public static bool LooksLikeStun(ReadOnlySpan<byte> source) =>
        source.Length >= Size && (source[0] & 0xC0) == 0
        && BinaryPrimitives.ReadUInt32BigEndian(source[4..]) == MagicCookie;

    /// <summary>Writes the header; false when <paramref name="destination"/> is shorter than 20 bytes.</summary>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < Size || (MessageType & 0xC000) != 0)
        {
            return false;
        }
        BinaryPrimitives.WriteUInt16BigEndian(destination, MessageType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], MessageLength);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], MagicCookie);
        TransactionId.Write(destination[8..]);
        written = Size;
        return true;
    }
}
