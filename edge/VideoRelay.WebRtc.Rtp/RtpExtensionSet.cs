using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// A small fixed set of header-extension elements to write (up to <see cref="Capacity"/> elements of up to
/// <see cref="MaxElementLength"/> bytes), held inline so a header can be built without allocating.
/// The one-byte form (0xBEDE) is used when every id is 1–14 and every element has 1–16 bytes; otherwise
/// the two-byte form.
/// </summary>
[DebuggerDisplay("{Count} extension element(s)")]
public struct RtpExtensionSet
{
    public const int Capacity = 8;
    public const int MaxElementLength = 16;

    private ElementArray _elements;

    /// <summary>Number of elements in the set.</summary>
    public int Count { get; private set; }

    /// <summary>Removes every element.</summary>
    public void Clear() => Count = 0;

    /// <summary>Adds an element; false when the set is full, the id is 0 or the data is too long.</summary>
    public bool TryAdd(int id, ReadOnlySpan<byte> data)
    {
        if (Count == Capacity || id < 1 || id > 255 || data.Length > MaxElementLength)
        {
            return false;
        }
        ref Element e = ref _elements[Count];
        e.Id = (byte)id;
        e.Length = (byte)data.Length;
        data.CopyTo(e.Data);
        Count++;
        return true;
    }

    /// <summary>Adds a transport-wide sequence number element (2 bytes).</summary>
    public bool TryAddTransportSequenceNumber(int id, ushort sequence)
    {
        Span<byte> value = stackalloc byte[RtpExtensionValues.TransportSequenceNumberLength];
        RtpExtensionValues.TryWriteTransportSequenceNumber(value, sequence);
        return TryAdd(id, value);
    }

    /// <summary>Adds a playout-delay element (3 bytes, 10 ms units; 0/0 asks for no receiver buffering).</summary>
    public bool TryAddPlayoutDelay(int id, int minUnits = 0, int maxUnits = 0)
    {
        Span<byte> value = stackalloc byte[RtpExtensionValues.PlayoutDelayLength];
        return RtpExtensionValues.TryWritePlayoutDelay(value, minUnits, maxUnits) && TryAdd(id, value);
    }

    /// <summary>Adds an abs-send-time element (3 bytes, 6.18 fixed point).</summary>
    public bool TryAddAbsSendTime(int id, uint value24)
    {
        Span<byte> value = stackalloc byte[RtpExtensionValues.AbsSendTimeLength];
        RtpExtensionValues.TryWriteAbsSendTime(value, value24);
        return TryAdd(id, value);
    }

    /// <summary>Adds an sdes:mid element (ASCII, 1–16 characters).</summary>
    public bool TryAddMid(int id, string mid)
    {
        if (mid.Length == 0 || mid.Length > MaxElementLength)
        {
            return false;
        }
        Span<byte> value = stackalloc byte[MaxElementLength];
        int n = Encoding.ASCII.GetBytes(mid, value);
        return TryAdd(id, value[..n]);
    }

    /// <summary>Id of element <paramref name="index"/>.</summary>
    public readonly int GetId(int index) => _elements[index].Id;

    /// <summary>Data of element <paramref name="index"/>.</summary>
    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    public ReadOnlySpan<byte> GetData(int index)
    {
        ref Element e = ref _elements[index];
        return ((ReadOnlySpan<byte>)e.Data)[..e.Length];
    }

    /// <summary>True when the compact one-byte form can carry every element.</summary>
    public readonly bool UsesOneByteForm
    {
        get
        {
            for (int i = 0; i < Count; i++)
            {
                Element e = _elements[i];
                if (e.Id > RtpExtensionProfile.OneByteMaxId || e.Length == 0)
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>Bytes of the whole block: 4-byte block header plus elements, padded to 32 bits; 0 when empty.</summary>
    public readonly int GetSerializedSize()
    {
        if (Count == 0)
        {
            return 0;
        }
        int perElement = UsesOneByteForm ? 1 : 2;
        int size = 0;
        for (int i = 0; i < Count; i++)
        {
            size += perElement + _elements[i].Length;
        }
        return 4 + ((size + 3) & ~3);
    }

    /// <summary>Writes the block (profile, length in words, elements, zero padding).</summary>
    public readonly bool TryWrite(Span<byte> dst, out int written)
    {
        int size = GetSerializedSize();
        if (size == 0 || dst.Length < size)
        {
            written = 0;
            return size == 0;
        }
        bool oneByte = UsesOneByteForm;
        BinaryPrimitives.WriteUInt16BigEndian(dst, oneByte ? RtpExtensionProfile.OneByte : RtpExtensionProfile.TwoByte);
        BinaryPrimitives.WriteUInt16BigEndian(dst[2..], (ushort)((size - 4) / 4));
        int o = 4;
        for (int i = 0; i < Count; i++)
        {
            Element e = _elements[i];
            if (oneByte)
            {
                dst[o++] = (byte)((e.Id << 4) | (e.Length - 1));
            }
            else
            {
                dst[o++] = e.Id;
                dst[o++] = e.Length;
            }
            ((ReadOnlySpan<byte>)e.Data)[..e.Length].CopyTo(dst[o..]);
            o += e.Length;
        }
        dst[o..size].Clear();
        written = size;
        return true;
    }

    private struct Element
    {
        public byte Id;
        public byte Length;
        public ElementData Data;
    }

    [InlineArray(MaxElementLength)]
    private struct ElementData
    {
        private byte _b;
    }

    [InlineArray(Capacity)]
    private struct ElementArray
    {
        private Element _e;
    }
}
