namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// Iterates the elements of an RFC 8285 header-extension block (one-byte or two-byte form) without
/// allocating. Use with <c>foreach</c>; a malformed element (data past the block's end) stops the
/// iteration and sets <see cref="IsMalformed"/>. Blocks of any other profile yield nothing.
/// </summary>
/// <remarks>
/// <code>
/// one-byte form (profile 0xBEDE), element header:     two-byte form (profile 0x100x), element header:
///   0 1 2 3 4 5 6 7                                    0                   1
///  +-+-+-+-+-+-+-+-+                                   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
///  |  ID   |  len  |   len = data bytes - 1           +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///  +-+-+-+-+-+-+-+-+   ID 0 = padding byte,           |       ID      |     length    |
///                      ID 15 = stop parsing            +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
///                                                      ID 0 = padding byte
/// </code>
/// </remarks>
public ref struct RtpExtensionReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _oneByte;
    private readonly bool _supported;
    private int _offset;
    private RtpExtension _current;

    public RtpExtensionReader(ushort profile, ReadOnlySpan<byte> data)
    {
        _data = data;
        _oneByte = profile == RtpExtensionProfile.OneByte;
        _supported = _oneByte || (profile & RtpExtensionProfile.TwoByteMask) == RtpExtensionProfile.TwoByte;
        _offset = 0;
        _current = default;
        IsMalformed = false;
    }

    /// <summary>True when iteration stopped at an element whose length ran past the block.</summary>
    public bool IsMalformed { get; private set; }

    public readonly RtpExtension Current => _current;

    public readonly RtpExtensionReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (!_supported)
        {
            return false;
        }
        while (_offset < _data.Length)
        {
            byte b = _data[_offset];
            if (b == 0)
            {
                _offset++; // padding
                continue;
            }
            int id;
            int length;
            int headerSize;
            if (_oneByte)
            {
                id = b >> 4;
                if (id == 15)
                {
                    _offset = _data.Length; // reserved: stop parsing the block
                    return false;
                }
                length = (b & 0xF) + 1;
                headerSize = 1;
            }
            else
            {
                if (_offset + 1 >= _data.Length)
                {
                    return Malformed();
                }
                id = b;
                length = _data[_offset + 1];
                headerSize = 2;
            }
            int start = _offset + headerSize;
            if (length > _data.Length - start)
            {
                return Malformed();
            }
            _current = new RtpExtension(id, _data.Slice(start, length));
            _offset = start + length;
            return true;
        }
        return false;
    }

    /// <summary>Finds the first element with <paramref name="id"/>.</summary>
    public static bool TryFind(ushort profile, ReadOnlySpan<byte> data, int id, out ReadOnlySpan<byte> value)
    {
        foreach (RtpExtension e in new RtpExtensionReader(profile, data))
        {
            if (e.Id == id)
            {
                value = e.Data;
                return true;
            }
        }
        value = default;
        return false;
    }

    private bool Malformed()
    {
        IsMalformed = true;
        _offset = _data.Length;
        return false;
    }
}
