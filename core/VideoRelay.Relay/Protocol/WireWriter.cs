using System.Buffers.Binary;

namespace VideoRelay.Relay.Protocol;

/// <summary>Big-endian cursor for writing a message body; <see cref="Ok"/> turns false once anything did not fit.</summary>
internal ref struct WireWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;
    private bool _overflow;

    public readonly int Position => _position;
    public readonly bool Ok => !_overflow;

    private Span<byte> Take(int count)
    {
        if (_overflow || _destination.Length - _position < count)
        {
            _overflow = true;
            return default;
        }
        Span<byte> span = _destination.Slice(_position, count);
        _position += count;
        return span;
    }

    public void U8(byte value)
    {
        Span<byte> s = Take(1);
        if (!s.IsEmpty)
        {
            s[0] = value;
        }
    }

    public void U16(ushort value)
    {
        Span<byte> s = Take(2);
        if (!s.IsEmpty)
        {
            BinaryPrimitives.WriteUInt16BigEndian(s, value);
        }
    }

    public void U32(uint value)
    {
        Span<byte> s = Take(4);
        if (!s.IsEmpty)
        {
            BinaryPrimitives.WriteUInt32BigEndian(s, value);
        }
    }

    public void I64(long value)
    {
        Span<byte> s = Take(8);
        if (!s.IsEmpty)
        {
            BinaryPrimitives.WriteInt64BigEndian(s, value);
        }
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Span<byte> s = Take(value.Length);
        if (!s.IsEmpty)
        {
            value.CopyTo(s);
        }
    }

    /// <summary>A u8-length-prefixed UTF-8 string; fails (not truncates) when longer than <paramref name="maxBytes"/>.</summary>
    public void String8(string value, int maxBytes)
    {
        int n = WireReader.StrictUtf8.GetByteCount(value);
        if (n > maxBytes || n > byte.MaxValue)
        {
            _overflow = true;
            return;
        }
        U8((byte)n);
        Span<byte> s = Take(n);
        if (!s.IsEmpty)
        {
            WireReader.StrictUtf8.GetBytes(value, s);
        }
    }

    /// <summary>A u16-length-prefixed byte string of at most <paramref name="maxBytes"/> bytes.</summary>
    public void Blob16(ReadOnlySpan<byte> value, int maxBytes)
    {
        if (value.Length > maxBytes || value.Length > ushort.MaxValue)
        {
            _overflow = true;
            return;
        }
        U16((ushort)value.Length);
        Bytes(value);
    }
}
