namespace VideoRelay.Ingest.Rtmp.Codecs;

/// <summary>
/// Reads bits from an H.264 RBSP given as the NAL unit's bytes, skipping emulation-prevention bytes
/// (0x00 0x00 0x03) on the fly. Reads past the end set <see cref="Overrun"/> and return zeros.
/// </summary>
internal ref struct NalBitReader
{
    private readonly ReadOnlySpan<byte> _src;
    private int _byte;
    private int _bit;
    private int _zeros;
    private byte _current;
    private bool _loaded;

    public NalBitReader(ReadOnlySpan<byte> nal) => _src = nal;

    /// <summary>True once a read went past the end of the data.</summary>
    public bool Overrun { get; private set; }

    public uint ReadBit()
    {
        if (!_loaded && !Load())
        {
            Overrun = true;
            return 0;
        }
        uint bit = (uint)(_current >> (7 - _bit)) & 1;
        if (++_bit == 8)
        {
            _bit = 0;
            _loaded = false;
        }
        return bit;
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

    /// <summary>Unsigned exp-Golomb ue(v); more than 31 leading zeros is treated as an overrun.</summary>
    public uint ReadUe()
    {
        int zeros = 0;
        while (ReadBit() == 0)
        {
            if (++zeros > 31 || Overrun)
            {
                Overrun = true;
                return 0;
            }
        }
        return zeros == 0 ? 0 : (uint)((1UL << zeros) - 1 + ReadBits(zeros));
    }

    /// <summary>Signed exp-Golomb se(v).</summary>
    public int ReadSe()
    {
        uint k = ReadUe();
        return (k & 1) != 0 ? (int)((k + 1) / 2) : -(int)(k / 2);
    }

    private bool Load()
    {
        while (_byte < _src.Length)
        {
            byte b = _src[_byte++];
            if (_zeros >= 2 && b == 0x03)
            {
                _zeros = 0; // emulation prevention byte: not part of the RBSP
                continue;
            }
            _zeros = b == 0 ? _zeros + 1 : 0;
            _current = b;
            _loaded = true;
            return true;
        }
        return false;
    }
}
