using System.Buffers.Binary;
using System.Text;

namespace VideoRelay.Relay.Protocol;

/// <summary>Big-endian cursor over a message body; every read is bounds-checked and returns false past the end.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> source)
{
    private readonly ReadOnlySpan<byte> _source = source;
    private int _position;

    public readonly int Position => _position;
    public readonly int Remaining => _source.Length - _position;

    public bool TryU8(out byte value)
    {
        if (Remaining < 1)
        {
            value = 0;
            return false;
        }
        value = _source[_position++];
        return true;
    }

    public bool TryU16(out ushort value)
    {
        if (Remaining < 2)
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadUInt16BigEndian(_source[_position..]);
        _position += 2;
        return true;
    }

    public bool TryU32(out uint value)
    {
        if (Remaining < 4)
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadUInt32BigEndian(_source[_position..]);
        _position += 4;
        return true;
    }

    public bool TryI64(out long value)
    {
        if (Remaining < 8)
        {
            value = 0;
            return false;
        }
        value = BinaryPrimitives.ReadInt64BigEndian(_source[_position..]);
        _position += 8;
        return true;
    }

    public bool TryBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if (count < 0 || Remaining < count)
        {
            bytes = default;
            return false;
        }
        bytes = _source.Slice(_position, count);
        _position += count;
        return true;
    }

    /// <summary>A u8-length-prefixed UTF-8 string of at most <paramref name="maxBytes"/> bytes.</summary>
    public bool TryString8(int maxBytes, out string value)
    {
        value = "";
        if (!TryU8(out byte n) || n > maxBytes || !TryBytes(n, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }
        try
        {
            value = StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>A u16-length-prefixed byte string of at most <paramref name="maxBytes"/> bytes, copied out.</summary>
    public bool TryBlob16(int maxBytes, out byte[] value)
    {
        value = [];
        if (!TryU16(out ushort n) || n > maxBytes || !TryBytes(n, out ReadOnlySpan<byte> bytes))
        {
            return false;
        }
        value = bytes.ToArray();
        return true;
    }

    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
