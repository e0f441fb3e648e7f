using System.Buffers.Binary;

namespace VideoRelay.Relay.Protocol;

/// <summary>The 5-byte header in front of every relay message: a type and the body's length.</summary>
/// <remarks>
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     type      |           body length (32 bits, big-endian)   |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     ...       |  body (length bytes) ...
/// +-+-+-+-+-+-+-+-+
/// </code>
/// The length is checked against the bound of its type (<see cref="MaxControlLength"/> for everything but FRAME,
/// the reader's frame bound for FRAME) before a single body byte is read.
/// </remarks>
public readonly record struct RelayMessageHeader(RelayMessageType Type, int Length)
{
    public const int Size = 5;

    /// <summary>Bound of every message body but FRAME.</summary>
    public const int MaxControlLength = 64 * 1024;

    /// <summary>Default bound of a FRAME body (header + payload).</summary>
    public const int DefaultMaxFrameLength = 8 * 1024 * 1024;

    /// <summary>Reads a header; false when fewer than <see cref="Size"/> bytes are given.</summary>
    public static bool TryRead(ReadOnlySpan<byte> source, out RelayMessageHeader header, out int consumed)
    {
        if (source.Length < Size)
        {
            header = default;
            consumed = 0;
            return false;
        }
        uint length = BinaryPrimitives.ReadUInt32BigEndian(source[1..]);
        header = new RelayMessageHeader((RelayMessageType)source[0], length > int.MaxValue ? -1 : (int)length);
        consumed = Size;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < Size || Length < 0)
        {
            written = 0;
            return false;
        }
        destination[0] = (byte)Type;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)Length);
        written = Size;
        return true;
    }

    /// <summary>Whether the type is known and its length is within the bound for that type.</summary>
    public RelayErrorCode Validate(int maxFrameLength)
    {
        if (!Enum.IsDefined(Type))
        {
            return RelayErrorCode.Protocol;
        }
        int bound = Type == RelayMessageType.Frame ? maxFrameLength : MaxControlLength;
        return Length < 0 || Length > bound ? RelayErrorCode.TooLarge : RelayErrorCode.None;
    }
}
