using System.Buffers.Binary;
using VideoRelay.Core.Buffers;

namespace VideoRelay.Ingest.Rtmp.Chunking;

/// <summary>
/// Reassembles RTMP messages from the chunk stream (RTMP specification 1.0, section 5.3): fed whatever
/// bytes the socket gave, it consumes whole chunk headers and as much payload as is there, copying
/// payload straight into a pooled buffer per message. Chunk streams interleave freely.
/// </summary>
/// <remarks>
/// <code>
/// +--------------+----------------+--------------------+--------------+
/// | Basic Header | Message Header | Extended Timestamp |  Chunk Data  |
/// +--------------+----------------+--------------------+--------------+
///
/// basic header:  0 1 2 3 4 5 6 7     cs id 0 → 2 bytes (id = byte1 + 64)
///               +-+-+-+-+-+-+-+-+    cs id 1 → 3 bytes (id = byte1 + byte2 × 256 + 64)
///               |fmt|   cs id   |
///               +-+-+-+-+-+-+-+-+
/// message header, fmt 0 (11 bytes):
///  timestamp (3) | message length (3) | type id (1) | message stream id (4, little-endian)
/// fmt 1 (7 bytes): timestamp delta (3) | message length (3) | type id (1)
/// fmt 2 (3 bytes): timestamp delta (3)
/// fmt 3 (0 bytes): everything from the previous chunk of this chunk stream
/// extended timestamp (4): present when the 3-byte field is 0xFFFFFF, and then on the fmt 3 chunks that follow.
/// </code>
/// Bounds: chunk streams tracked, message length, and the bytes held by partially assembled messages.
/// Memory held is therefore bounded per connection whatever the peer sends.
/// </remarks>
internal sealed class ChunkReader : IDisposable
{
    public const int DefaultChunkSize = 128;
    public const int MaxHeaderSize = 3 + 11 + 4;

    private readonly TieredBufferPool _pool;
    private readonly int _maxMessageLength;
    private readonly int _maxChunkStreams;
    private readonly int _maxAssemblyBytes;
    private readonly ChunkStreamState?[] _low = new ChunkStreamState?[64];
    private readonly List<ChunkStreamState> _high = [];
    private int _streamCount;
    private ChunkStreamState? _current;
    private int _chunkRemaining;
    private int _assemblingBytes;

    public ChunkReader(TieredBufferPool pool, int maxMessageLength, int maxChunkStreams = 32, int maxAssemblyBytes = 0)
    {
        _pool = pool;
        _maxMessageLength = maxMessageLength;
        _maxChunkStreams = maxChunkStreams;
        _maxAssemblyBytes = maxAssemblyBytes > 0 ? maxAssemblyBytes : 2 * maxMessageLength;
    }

    /// <summary>Incoming chunk size (128 until the peer sends Set Chunk Size).</summary>
    public int ChunkSize { get; private set; } = DefaultChunkSize;

    public RtmpCloseReason ErrorReason { get; private set; }

    public string? Error { get; private set; }

    /// <summary>True while a message or a chunk is partly received.</summary>
    public bool HasPartialMessage => _current is not null || _assemblingBytes > 0;

    /// <summary>Applies a Set Chunk Size from the peer (the caller checks it against its bound first).</summary>
    public void SetChunkSize(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ChunkSize = size;
    }

    /// <summary>Abort Message: drops the partial message of a chunk stream.</summary>
    public void Abort(int chunkStreamId)
    {
        ChunkStreamState? state = Find(chunkStreamId);
        if (state?.Lease is not null)
        {
            _assemblingBytes -= state.Length;
            state.Discard();
            if (ReferenceEquals(_current, state))
            {
                _current = null;
                _chunkRemaining = 0;
            }
        }
    }

    /// <summary>
    /// Consumes chunks from <paramref name="input"/> until one message completes (returned, its lease owned by
    /// the caller), the input runs out of whole chunk headers, or the stream turns out broken.
    /// </summary>
    public ChunkReadStatus Read(ReadOnlySpan<byte> input, long receivedUnixNs, out int consumed, out RtmpMessage message)
    {
        consumed = 0;
        message = default;
        while (true)
        {
            if (_current is null)
            {
                int status = TryReadHeader(input[consumed..], out int headerLength, out bool emptyMessage);
                if (status < 0)
                {
                    return ChunkReadStatus.Error;
                }
                if (status == 0)
                {
                    return ChunkReadStatus.NeedMoreData;
                }
                consumed += headerLength;
                if (emptyMessage)
                {
                    ChunkStreamState empty = _current!;
                    _current = null;
                    message = Complete(empty, receivedUnixNs);
                    return ChunkReadStatus.Message;
                }
            }

            ChunkStreamState state = _current!;
            int take = Math.Min(_chunkRemaining, input.Length - consumed);
            if (take == 0)
            {
                return ChunkReadStatus.NeedMoreData;
            }
            input.Slice(consumed, take).CopyTo(state.Lease!.Span.Slice(state.Received, take));
            consumed += take;
            state.Received += take;
            _chunkRemaining -= take;
            if (_chunkRemaining == 0)
            {
                _current = null;
                if (state.Received == state.Length)
                {
                    _assemblingBytes -= state.Length;
                    message = Complete(state, receivedUnixNs);
                    return ChunkReadStatus.Message;
                }
            }
        }
    }

    /// <summary>Releases every partially assembled message.</summary>
    public void Dispose()
    {
        foreach (ChunkStreamState? state in _low)
        {
            state?.Discard();
        }
        foreach (ChunkStreamState state in _high)
        {
            state.Discard();
        }
        _current = null;
        _assemblingBytes = 0;
    }

    /// <summary>Kernel receive time of the bytes being read now (set by the connection before <see cref="Read"/>), 0 when unknown.</summary>
    public long KernelReceivedUnixNs { get; set; }

    private RtmpMessage Complete(ChunkStreamState state, long receivedUnixNs)
    {
        var message = new RtmpMessage
        {
            Type = state.Type,
            ChunkStreamId = state.ChunkStreamId,
            MessageStreamId = state.MessageStreamId,
            Timestamp = state.Timestamp,
            Length = state.Length,
            Lease = state.Lease,
            ReceivedUnixNs = receivedUnixNs,
            KernelReceivedUnixNs = KernelReceivedUnixNs,
        };
        message.Lease?.SetLength(state.Length);
        state.Lease = null;
        state.Received = 0;
        return message;
    }

    /// <returns>1 when a header was read, 0 when more bytes are needed, -1 on error.</returns>
    private int TryReadHeader(ReadOnlySpan<byte> src, out int length, out bool emptyMessage)
    {
        length = 0;
        emptyMessage = false;
        if (src.IsEmpty)
        {
            return 0;
        }
        int fmt = src[0] >> 6;
        int csid = src[0] & 0x3F;
        int pos = 1;
        if (csid == 0)
        {
            if (src.Length < 2)
            {
                return 0;
            }
            csid = src[1] + 64;
            pos = 2;
        }
        else if (csid == 1)
        {
            if (src.Length < 3)
            {
                return 0;
            }
            csid = src[1] + src[2] * 256 + 64;
            pos = 3;
        }
        int headerSize = fmt switch { 0 => 11, 1 => 7, 2 => 3, _ => 0 };
        if (src.Length < pos + headerSize)
        {
            return 0;
        }

        ChunkStreamState? state = Find(csid);
        if (fmt != 0 && state is not { HasHeader: true })
        {
            return Fail(RtmpCloseReason.ProtocolError, $"chunk stream {csid} starts with a type {fmt} header");
        }
        bool continuation = state is { Lease: not null };
        if (fmt != 3 && continuation)
        {
            return Fail(RtmpCloseReason.ProtocolError, $"type {fmt} header on chunk stream {csid} inside a message");
        }

        ReadOnlySpan<byte> h = src.Slice(pos, headerSize);
        uint tsField = fmt == 3 ? state!.TimestampField : fmt < 3 ? ReadUInt24(h) : 0;
        bool extended = fmt == 3 ? state!.HasExtendedTimestamp : tsField == 0xFFFFFF;
        pos += headerSize;
        if (extended)
        {
            if (src.Length < pos + 4)
            {
                return 0;
            }
            tsField = BinaryPrimitives.ReadUInt32BigEndian(src.Slice(pos, 4));
            pos += 4;
        }

        // The header is complete: commit it.
        if (state is null)
        {
            if (_streamCount >= _maxChunkStreams)
            {
                return Fail(RtmpCloseReason.ProtocolError, $"more than {_maxChunkStreams} chunk streams");
            }
            state = new ChunkStreamState(csid);
            if (csid < _low.Length)
            {
                _low[csid] = state;
            }
            else
            {
                _high.Add(state);
            }
            _streamCount++;
        }
        length = pos;

        if (continuation)
        {
            _current = state;
            _chunkRemaining = Math.Min(ChunkSize, state.Length - state.Received);
            return 1;
        }

        switch (fmt)
        {
            case 0:
                state.Timestamp = tsField;
                state.Length = (int)ReadUInt24(h[3..]);
                state.Type = (RtmpMessageType)h[6];
                state.MessageStreamId = BinaryPrimitives.ReadUInt32LittleEndian(h.Slice(7, 4));
                break;
            case 1:
                state.Timestamp += tsField;
                state.Length = (int)ReadUInt24(h[3..]);
                state.Type = (RtmpMessageType)h[6];
                break;
            default:
                state.Timestamp += tsField;
                break;
        }
        state.HasHeader = true;
        state.TimestampField = tsField;
        state.HasExtendedTimestamp = extended;

        if (state.Length > _maxMessageLength)
        {
            return Fail(RtmpCloseReason.Oversize, $"message of {state.Length} bytes exceeds the {_maxMessageLength}-byte limit");
        }
        if (state.Length == 0)
        {
            _current = state;
            emptyMessage = true;
            return 1;
        }
        if (_assemblingBytes + state.Length > _maxAssemblyBytes)
        {
            return Fail(RtmpCloseReason.Oversize, $"partial messages would hold more than {_maxAssemblyBytes} bytes");
        }
        if (!_pool.TryRent(state.Length, out BufferLease lease))
        {
            return state.Length > _pool.MaxBlockSize
                ? Fail(RtmpCloseReason.Oversize, $"message of {state.Length} bytes exceeds the largest pooled buffer")
                : Fail(RtmpCloseReason.PoolExhausted, $"no pooled buffer free for a {state.Length}-byte message");
        }
        state.Lease = lease;
        state.Received = 0;
        _assemblingBytes += state.Length;
        _current = state;
        _chunkRemaining = Math.Min(ChunkSize, state.Length);
        return 1;
    }

    private ChunkStreamState? Find(int csid)
    {
        if (csid < _low.Length)
        {
            return _low[csid];
        }
        foreach (ChunkStreamState state in _high)
        {
            if (state.ChunkStreamId == csid)
            {
                return state;
            }
        }
        return null;
    }

    private int Fail(RtmpCloseReason reason, string error)
    {
        ErrorReason = reason;
        Error = error;
        return -1;
    }

    private static uint ReadUInt24(ReadOnlySpan<byte> s) => (uint)(s[0] << 16 | s[1] << 8 | s[2]);
}
