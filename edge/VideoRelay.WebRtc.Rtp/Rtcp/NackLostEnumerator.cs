using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Expands the (PID, BLP) FCIs of a Generic NACK into lost sequence numbers without allocating.</summary>
public ref struct NackLostEnumerator
{
    private readonly ReadOnlySpan<byte> _fci;
    private int _offset;   // offset of the current FCI
    private int _bit;      // −1: the PID itself, 0–15: BLP bits, 16: FCI done
    private ushort _pid;
    private ushort _blp;

    internal NackLostEnumerator(ReadOnlySpan<byte> fci)
    {
        _fci = fci;
        _offset = -NackPacket.FciSize;
        _bit = 16;
        _pid = 0;
        _blp = 0;
        Current = 0;
    }

    public ushort Current { get; private set; }

    public readonly NackLostEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_bit >= 16)
            {
                _offset += NackPacket.FciSize;
                if (_offset + NackPacket.FciSize > _fci.Length)
                {
                    return false;
                }
                _pid = BinaryPrimitives.ReadUInt16BigEndian(_fci[_offset..]);
                _blp = BinaryPrimitives.ReadUInt16BigEndian(_fci[(_offset + 2)..]);
                _bit = 0;
                Current = _pid;
                return true;
            }
            int bit = _bit++;
            if ((_blp & (1 << bit)) != 0)
            {
                Current = (ushort)(_pid + bit + 1);
                return true;
            }
        }
    }
}
