using System.Runtime.CompilerServices;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Up to 31 report blocks held inline (the 5-bit RC field's limit), so reports parse without allocating.</summary>
public struct ReportBlockList
{
    public const int Capacity = RtcpHeader.MaxCount;

    private Blocks _blocks;

    public int Count { readonly get; private set; }

    public readonly ReportBlock this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                ThrowHelper.ArgumentOutOfRange(nameof(index), index, "outside the list");
            }
            return _blocks[index];
        }
    }

    public bool TryAdd(in ReportBlock block)
    {
        if (Count == Capacity)
        {
            return false;
        }
        _blocks[Count++] = block;
        return true;
    }

    public void Clear() => Count = 0;

    internal readonly int WriteTo(Span<byte> dst)
    {
        for (int i = 0; i < Count; i++)
        {
            _blocks[i].TryWrite(dst[(i * ReportBlock.Size)..], out _);
        }
        return Count * ReportBlock.Size;
    }

    internal static bool TryRead(ReadOnlySpan<byte> src, int count, out ReportBlockList list)
    {
        list = default;
        if (src.Length < count * ReportBlock.Size)
        {
            return false;
        }
        for (int i = 0; i < count; i++)
        {
            ReportBlock.TryRead(src[(i * ReportBlock.Size)..], out ReportBlock block, out _);
            list.TryAdd(block);
        }
        return true;
    }

    [InlineArray(Capacity)]
    private struct Blocks
    {
        private ReportBlock _b;
    }
}
