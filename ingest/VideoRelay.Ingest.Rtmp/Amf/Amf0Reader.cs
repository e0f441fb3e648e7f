using System.Buffers.Binary;
using System.Text;

namespace VideoRelay.Ingest.Rtmp.Amf;

/// <summary>
/// Reads AMF0 values from a span, in place, never throwing: every read returns false on truncated,
/// malformed or over-limit input (depth, value count and string length are bounded by <see cref="Amf0Limits"/>).
/// </summary>
/// <remarks>
/// <code>
/// value        = marker(1) payload
/// number       = 0x00 IEEE-754 double (8, big-endian)
/// boolean      = 0x01 u8
/// string       = 0x02 u16 length, UTF-8 bytes          long string = 0x0C u32 length, UTF-8 bytes
/// object       = 0x03 *(u16 key-length, key, value) 0x00 0x00 0x09
/// null         = 0x05                                   undefined   = 0x06
/// ecma array   = 0x08 u32 approximate-count *(key, value) 0x00 0x00 0x09
/// strict array = 0x0A u32 count count*value
/// date         = 0x0B double milliseconds-since-epoch, s16 time-zone (reserved, 0)
/// </code>
/// Decoded as: double, bool, string, <c>Dictionary&lt;string, object?&gt;</c> (object),
/// <see cref="Amf0EcmaArray"/>, <c>object?[]</c> (strict array), <see cref="DateTime"/> (UTC), null,
/// <see cref="Amf0Undefined.Value"/>.
/// </remarks>
internal ref struct Amf0Reader
{
    private readonly ReadOnlySpan<byte> _src;
    private readonly Amf0Limits _limits;
    private int _pos;
    private int _values;

    public Amf0Reader(ReadOnlySpan<byte> src)
        : this(src, Amf0Limits.Default)
    {
    }

    public Amf0Reader(ReadOnlySpan<byte> src, Amf0Limits limits)
    {
        _src = src;
        _limits = limits;
    }

    /// <summary>Bytes consumed so far.</summary>
    public readonly int Consumed => _pos;

    /// <summary>True when every byte has been read.</summary>
    public readonly bool IsAtEnd => _pos >= _src.Length;

    /// <summary>Reads one value of any supported type, with default limits.</summary>
    public static bool TryRead(ReadOnlySpan<byte> src, out object? value, out int consumed)
    {
        var reader = new Amf0Reader(src);
        bool ok = reader.TryReadValue(out value);
        consumed = ok ? reader.Consumed : 0;
        return ok;
    }

    /// <summary>Reads one value of any supported type.</summary>
    public bool TryReadValue(out object? value) => TryReadValue(0, out value);

    /// <summary>Reads a number (marker 0x00).</summary>
    public bool TryReadNumber(out double value)
    {
        value = 0;
        if (!TryPeekMarker(Amf0Marker.Number) || !TryReadDouble(1, out value))
        {
            return false;
        }
        _pos += 9;
        return true;
    }

    /// <summary>Reads a string (short 0x02 or long 0x0C).</summary>
    public bool TryReadString(out string value)
    {
        value = string.Empty;
        if (_pos >= _src.Length)
        {
            return false;
        }
        int start = _pos;
        _pos++;
        bool ok = (Amf0Marker)_src[start] switch
        {
            Amf0Marker.String => TryReadUtf8(2, out value),
            Amf0Marker.LongString => TryReadUtf8(4, out value),
            _ => false,
        };
        if (!ok)
        {
            _pos = start;
        }
        return ok;
    }

    /// <summary>Reads a null or undefined marker (used for the empty command object).</summary>
    public bool TryReadNullOrUndefined()
    {
        if (TryPeekMarker(Amf0Marker.Null) || TryPeekMarker(Amf0Marker.Undefined))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private readonly bool TryPeekMarker(Amf0Marker marker) => _pos < _src.Length && _src[_pos] == (byte)marker;

    private readonly bool TryReadDouble(int offset, out double value)
    {
        value = 0;
        if (_src.Length - _pos < offset + 8)
        {
            return false;
        }
        value = BinaryPrimitives.ReadDoubleBigEndian(_src.Slice(_pos + offset, 8));
        return true;
    }

    private bool TryReadValue(int depth, out object? value)
    {
        value = null;
        if (_pos >= _src.Length || depth > _limits.MaxDepth || ++_values > _limits.MaxValues)
        {
            return false;
        }
        int start = _pos;
        var marker = (Amf0Marker)_src[_pos++];
        bool ok;
        switch (marker)
        {
            case Amf0Marker.Number:
                _pos = start;
                ok = TryReadNumber(out double number);
                value = ok ? number : null;
                return ok;
            case Amf0Marker.Boolean:
                ok = _pos < _src.Length;
                if (ok)
                {
                    value = _src[_pos++] != 0;
                }
                break;
            case Amf0Marker.String:
                ok = TryReadUtf8(2, out string s);
                value = s;
                break;
            case Amf0Marker.LongString:
                ok = TryReadUtf8(4, out string ls);
                value = ls;
                break;
            case Amf0Marker.Null:
                ok = true;
                break;
            case Amf0Marker.Undefined:
                ok = true;
                value = Amf0Undefined.Value;
                break;
            case Amf0Marker.Object:
                var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                ok = TryReadProperties(depth, obj, allowEndOfInput: false);
                value = obj;
                break;
            case Amf0Marker.EcmaArray:
                ok = _src.Length - _pos >= 4;
                if (ok)
                {
                    uint count = BinaryPrimitives.ReadUInt32BigEndian(_src.Slice(_pos, 4));
                    _pos += 4;
                    var ecma = new Amf0EcmaArray((int)Math.Min(count, 64u));
                    ok = TryReadProperties(depth, ecma, allowEndOfInput: true);
                    value = ecma;
                }
                break;
            case Amf0Marker.StrictArray:
                ok = TryReadStrictArray(depth, out object?[] array);
                value = array;
                break;
            case Amf0Marker.Date:
                ok = TryReadDate(out DateTime date);
                value = date;
                break;
            default:
                ok = false; // reference, movie clip, typed object, AMF3 switch…: not accepted from publishers
                break;
        }
        if (!ok)
        {
            _pos = start;
            value = null;
        }
        return ok;
    }

    private bool TryReadUtf8(int lengthSize, out string value)
    {
        value = string.Empty;
        if (_src.Length - _pos < lengthSize)
        {
            return false;
        }
        long length = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16BigEndian(_src.Slice(_pos, 2))
            : BinaryPrimitives.ReadUInt32BigEndian(_src.Slice(_pos, 4));
        if (length > _limits.MaxStringLength || length > _src.Length - _pos - lengthSize)
        {
            return false;
        }
        ReadOnlySpan<byte> bytes = _src.Slice(_pos + lengthSize, (int)length);
        value = bytes.IsEmpty ? string.Empty : Encoding.UTF8.GetString(bytes);
        _pos += lengthSize + (int)length;
        return true;
    }

    private bool TryReadProperties(int depth, Dictionary<string, object?> target, bool allowEndOfInput)
    {
        while (true)
        {
            if (allowEndOfInput && _pos == _src.Length)
            {
                return true; // some encoders end an ECMA array without the end marker
            }
            if (_src.Length - _pos >= 3 && _src[_pos] == 0 && _src[_pos + 1] == 0 && _src[_pos + 2] == (byte)Amf0Marker.ObjectEnd)
            {
                _pos += 3;
                return true;
            }
            if (!TryReadUtf8(2, out string key) || !TryReadValue(depth + 1, out object? item))
            {
                return false;
            }
            target[key] = item;
        }
    }

    private bool TryReadStrictArray(int depth, out object?[] array)
    {
        array = [];
        if (_src.Length - _pos < 4)
        {
            return false;
        }
        uint count = BinaryPrimitives.ReadUInt32BigEndian(_src.Slice(_pos, 4));
        _pos += 4;
        // Every element takes at least one byte: a count beyond the bytes left is a lie, refuse before allocating.
        if (count > (uint)(_src.Length - _pos) || count > (uint)(_limits.MaxValues - _values))
        {
            return false;
        }
        array = count == 0 ? [] : new object?[count];
        for (int i = 0; i < array.Length; i++)
        {
            if (!TryReadValue(depth + 1, out array[i]))
            {
                return false;
            }
        }
        return true;
    }

    private bool TryReadDate(out DateTime date)
    {
        date = default;
        if (_src.Length - _pos < 10)
        {
            return false;
        }
        double ms = BinaryPrimitives.ReadDoubleBigEndian(_src.Slice(_pos, 8));
        // Range of DateTime in Unix ms; NaN fails both comparisons.
        if (!(ms >= -62135596800000d && ms <= 253402300799999d))
        {
            return false;
        }
        date = DateTime.UnixEpoch.AddMilliseconds(ms);
        _pos += 10; // the time-zone s16 is reserved and ignored
        return true;
    }
}
