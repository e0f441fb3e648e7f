using VideoRelay.Core.Buffers;

namespace VideoRelay.Ingest.Rtmp.Chunking;

/// <summary>What a chunk stream remembers between chunks: the last header and the message being assembled.</summary>
internal sealed class ChunkStreamState(int chunkStreamId)
{
    public int ChunkStreamId { get; } = chunkStreamId;

    /// <summary>True once a type-0 header has been seen (types 1–3 need one before them).</summary>
    public bool HasHeader;

    public uint Timestamp;

    /// <summary>The timestamp field of the last type 0/1/2 header (absolute for type 0, else a delta), reused by type 3.</summary>
    public uint TimestampField;

    public bool HasExtendedTimestamp;
    public int Length;
    public RtmpMessageType Type;
    public uint MessageStreamId;

    /// <summary>The message being assembled, or null between messages.</summary>
    public BufferLease? Lease;

    public int Received;

    public bool InProgress => Received > 0 || Lease is not null;

    public void Discard()
    {
        Lease?.Release();
        Lease = null;
        Received = 0;
    }
}
