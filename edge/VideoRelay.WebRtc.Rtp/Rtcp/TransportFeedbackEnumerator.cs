using System.Buffers.Binary;

namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>Walks the chunks and receive deltas of a validated <see cref="TransportFeedback"/>.</summary>
public ref struct TransportFeedbackEnumerator
{
    private readonly ReadOnlySpan<byte> _chunks;
    private readonly ReadOnlySpan<byte> _deltas;
    private readonly int _count;
    private ushort _sequence;
    private int _emitted;
    private int _chunkOffset;
    private ushort _chunk;
    private int _inChunk;
    private int _chunkSymbols;
    private int _deltaOffset;
    private long _arrivalUs;

    internal TransportFeedbackEnumerator(ReadOnlySpan<byte> chunks, ReadOnlySpan<byte> deltas, ushort baseSequence,
        int count, long referenceUs)
    {
        _chunks = chunks;
        _deltas = deltas;
        _count = count;
        _sequence = baseSequence;
        _emitted = 0;
        _chunkOffset = 0;
        _chunk = 0;
        _inChunk = 0;
        _chunkSymbols = 0;
        _deltaOffset = 0;
        _arrivalUs = referenceUs;
        Current = default;
    }

    public TransportFeedbackPacket Current { get; private set; }

    public bool MoveNext()
    {
        if (_emitted == _count)
        {
            return false;
        }
        while (_inChunk == _chunkSymbols)
        {
            if (_chunkOffset + TransportFeedback.ChunkSize > _chunks.Length)
            {
                return false; // cannot happen after TryRead's validation
            }
            _chunk = BinaryPrimitives.ReadUInt16BigEndian(_chunks[_chunkOffset..]);
            _chunkOffset += TransportFeedback.ChunkSize;
            _chunkSymbols = SymbolsIn(_chunk);
            _inChunk = 0;
        }
        var symbol = (TransportFeedbackSymbol)SymbolAt(_chunk, _inChunk++);
        int delta = 0;
        if (symbol == TransportFeedbackSymbol.SmallDelta)
        {
            delta = _deltas[_deltaOffset++];
        }
        else if (symbol == TransportFeedbackSymbol.LargeDelta)
        {
            delta = BinaryPrimitives.ReadInt16BigEndian(_deltas[_deltaOffset..]);
            _deltaOffset += 2;
        }
        _arrivalUs += delta * (long)TransportFeedbackPacket.MicrosecondsPerTick;
        Current = new TransportFeedbackPacket(_sequence, symbol, delta,
            symbol == TransportFeedbackSymbol.NotReceived ? 0 : _arrivalUs);
        _sequence++;
        _emitted++;
        return true;
    }

    /// <summary>How many statuses a chunk describes.</summary>
    internal static int SymbolsIn(ushort chunk)
    {
        if ((chunk & 0x8000) == 0)
        {
            return chunk & 0x1FFF; // run length
        }
        return (chunk & 0x4000) == 0 ? 14 : 7;
    }

    /// <summary>Status symbol <paramref name="index"/> of a chunk (0–3, 3 reserved).</summary>
    internal static int SymbolAt(ushort chunk, int index)
    {
        if ((chunk & 0x8000) == 0)
        {
            return (chunk >> 13) & 3;
        }
        if ((chunk & 0x4000) == 0)
        {
            return (chunk >> (13 - index)) & 1;
        }
        return (chunk >> (12 - 2 * index)) & 3;
    }
}
