namespace VideoRelay.Ingest.MpegTs.H264;

/// <summary>
/// Reads bits and Exp-Golomb codes from a NAL unit's payload, removing emulation prevention bytes
/// (00 00 03 → 00 00) on the fly. Bounded: reading past the end sets <see cref="Overrun"/> and yields
/// zeros; an Exp-Golomb code longer than 31 bits sets <see cref="Overrun"/> too. Never throws.
/// </summary>
internal ref struct RbspBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _pos;      // next byte to load
    private int _zeros;    // consecutive zero bytes loaded
    private uint _current; // loaded byte
    private int _bitsLeft; // bits left in _current

    public RbspBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    public bool Overrun { get; private set; }

    public uint ReadBit()
    {
        if (_bitsLeft == 0 && !Load())
        {
            Overrun = true;
            return 0;
        }
        _bitsLeft--;
        return _current >> _bitsLeft & 1;
    }

    public uint ReadBits(int count)
    {
        uint value = 0;
        for (int i = 0; i < count; i++)
        {
            value = value << 1 | ReadBit();
        }
        return value;
    }

    public bool ReadFlag() => ReadBit() != 0;

    /// <summary>ue(v).</summary>
    public uint ReadUe()
    {
        int leadingZeros = 0;
        while (ReadBit() == 0)
        {
            if (Overrun || ++leadingZeros > 31)
            {
                Overrun = true;
                return 0;
            }
        }
        if (leadingZeros == 0)
        {
            return 0;
        }
        return (uint)((1UL << leadingZeros) - 1 + ReadBits(leadingZeros));
    }

    /// <summary>se(v).</summary>
    public int ReadSe()
    {
        uint k = ReadUe();
        return (k & 1) != 0 ? (int)((k + 1) / 2) : -(int)(k / 2);
    }

    private bool Load()
    {
        if (_pos >= _data.Length)
        {
            return false;
        }
        byte b = _data[_pos++];
        if (_zeros >= 2 && b == 3)
        {
            _zeros = 0;
            if (_pos >= _data.Length)
            {
                return false;
            }
            b = _data[_pos++];
        }
        _zeros = b == 0 ? _zeros + 1 : 0;
        _current = b;
        _bitsLeft = 8;
        return true;
    }
}
