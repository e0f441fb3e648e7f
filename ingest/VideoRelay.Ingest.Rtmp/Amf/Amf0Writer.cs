using System.Buffers.Binary;
using System.Collections;
using System.Text;

namespace VideoRelay.Ingest.Rtmp.Amf;

/// <summary>
/// Writes AMF0 values into a caller-given span. Every method returns false (writing nothing) when the
/// value does not fit; nothing is allocated. See <see cref="Amf0Reader"/> for the encoding.
/// </summary>
internal ref struct Amf0Writer
{
    private const int MaxDepth = 16;
    private readonly Span<byte> _dst;
    private int _pos;

    public Amf0Writer(Span<byte> dst) => _dst = dst;

    /// <summary>Bytes written so far.</summary>
    public readonly int Written => _pos;

    public bool TryWriteNumber(double value)
    {
        if (_dst.Length - _pos < 9)
        {
            return false;
        }
        _dst[_pos] = (byte)Amf0Marker.Number;
        BinaryPrimitives.WriteDoubleBigEndian(_dst.Slice(_pos + 1, 8), value);
        _pos += 9;
        return true;
    }

    public bool TryWriteBoolean(bool value)
    {
        if (_dst.Length - _pos < 2)
        {
            return false;
        }
        _dst[_pos] = (byte)Amf0Marker.Boolean;
        _dst[_pos + 1] = value ? (byte)1 : (byte)0;
        _pos += 2;
        return true;
    }

    /// <summary>Writes a string, in the long form (0x0C) when its UTF-8 form exceeds 65535 bytes.</summary>
    public bool TryWriteString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        bool isLong = length > ushort.MaxValue;
        int header = isLong ? 5 : 3;
        if (_dst.Length - _pos < header + length)
        {
            return false;
        }
        _dst[_pos] = (byte)(isLong ? Amf0Marker.LongString : Amf0Marker.String);
        _pos++;
        WriteUtf8Body(value, length, isLong ? 4 : 2);
        return true;
    }

    public bool TryWriteNull() => TryWriteMarker(Amf0Marker.Null);

    public bool TryWriteUndefined() => TryWriteMarker(Amf0Marker.Undefined);

    /// <summary>Opens an anonymous object: follow with properties, then <see cref="TryWriteObjectEnd"/>.</summary>
    public bool TryWriteObjectStart() => TryWriteMarker(Amf0Marker.Object);

    /// <summary>Opens an ECMA array: follow with properties, then <see cref="TryWriteObjectEnd"/>.</summary>
    public bool TryWriteEcmaArrayStart(int count)
    {
        if (_dst.Length - _pos < 5)
        {
            return false;
        }
        _dst[_pos] = (byte)Amf0Marker.EcmaArray;
        BinaryPrimitives.WriteUInt32BigEndian(_dst.Slice(_pos + 1, 4), (uint)count);
        _pos += 5;
        return true;
    }

    /// <summary>Writes a property name (u16 length + UTF-8) inside an object or ECMA array.</summary>
    public bool TryWritePropertyName(string name)
    {
        int length = Encoding.UTF8.GetByteCount(name);
        if (length > ushort.MaxValue || _dst.Length - _pos < 2 + length)
        {
            return false;
        }
        WriteUtf8Body(name, length, 2);
        return true;
    }

    /// <summary>Closes an object or ECMA array (empty name + end marker).</summary>
    public bool TryWriteObjectEnd()
    {
        if (_dst.Length - _pos < 3)
        {
            return false;
        }
        _dst[_pos] = 0;
        _dst[_pos + 1] = 0;
        _dst[_pos + 2] = (byte)Amf0Marker.ObjectEnd;
        _pos += 3;
        return true;
    }

    public bool TryWriteDate(DateTime value)
    {
        if (_dst.Length - _pos < 11)
        {
            return false;
        }
        double ms = (value.ToUniversalTime() - DateTime.UnixEpoch).TotalMilliseconds;
        _dst[_pos] = (byte)Amf0Marker.Date;
        BinaryPrimitives.WriteDoubleBigEndian(_dst.Slice(_pos + 1, 8), ms);
        BinaryPrimitives.WriteInt16BigEndian(_dst.Slice(_pos + 9, 2), 0);
        _pos += 11;
        return true;
    }

    /// <summary>Writes a named property whose value is a string (common in command replies).</summary>
    public bool TryWriteProperty(string name, string value) => TryWritePropertyName(name) && TryWriteString(value);

    /// <summary>Writes a named property whose value is a number.</summary>
    public bool TryWriteProperty(string name, double value) => TryWritePropertyName(name) && TryWriteNumber(value);

    /// <summary>
    /// Writes any value the reader produces (double/number types, bool, string, dictionaries, arrays, DateTime,
    /// null, <see cref="Amf0Undefined"/>). On false the position is left where it was.
    /// </summary>
    public bool TryWriteValue(object? value)
    {
        int start = _pos;
        if (TryWriteValue(value, 0))
        {
            return true;
        }
        _pos = start;
        return false;
    }

    private bool TryWriteValue(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            return false;
        }
        switch (value)
        {
            case null:
                return TryWriteNull();
            case Amf0Undefined:
                return TryWriteUndefined();
            case bool b:
                return TryWriteBoolean(b);
            case string s:
                return TryWriteString(s);
            case double d:
                return TryWriteNumber(d);
            case int i:
                return TryWriteNumber(i);
            case long l:
                return TryWriteNumber(l);
            case float f:
                return TryWriteNumber(f);
            case DateTime dt:
                return TryWriteDate(dt);
            case Amf0EcmaArray ecma:
                return TryWriteEcmaArrayStart(ecma.Count) && TryWriteProperties(ecma, depth) && TryWriteObjectEnd();
            case IEnumerable<KeyValuePair<string, object?>> obj:
                return TryWriteObjectStart() && TryWriteProperties(obj, depth) && TryWriteObjectEnd();
            case object?[] array:
                if (_dst.Length - _pos < 5)
                {
                    return false;
                }
                _dst[_pos] = (byte)Amf0Marker.StrictArray;
                BinaryPrimitives.WriteUInt32BigEndian(_dst.Slice(_pos + 1, 4), (uint)array.Length);
                _pos += 5;
                foreach (object? item in array)
                {
                    if (!TryWriteValue(item, depth + 1))
                    {
                        return false;
                    }
                }
                return true;
            case IEnumerable:
            default:
                return false;
        }
    }

    private bool TryWriteProperties(IEnumerable<KeyValuePair<string, object?>> properties, int depth)
    {
        foreach (KeyValuePair<string, object?> property in properties)
        {
            if (property.Key.Length == 0 || !TryWritePropertyName(property.Key) || !TryWriteValue(property.Value, depth + 1))
            {
                return false;
            }
        }
        return true;
    }

    private bool TryWriteMarker(Amf0Marker marker)
    {
        if (_pos >= _dst.Length)
        {
            return false;
        }
        _dst[_pos++] = (byte)marker;
        return true;
    }

    private void WriteUtf8Body(string value, int length, int lengthSize)
    {
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_dst.Slice(_pos, 2), (ushort)length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(_dst.Slice(_pos, 4), (uint)length);
        }
        _pos += lengthSize;
        _pos += Encoding.UTF8.GetBytes(value, _dst.Slice(_pos, length));
    }
}
