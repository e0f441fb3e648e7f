using VideoRelay.Core.Buffers;

namespace VideoRelay.Ingest.Rtmp.Chunking;

/// <summary>
/// One reassembled RTMP message. Its payload lives in a pooled <see cref="Lease"/> (null when empty)
/// whose single reference belongs to whoever holds the message: release it, or hand it on.
/// </summary>
internal struct RtmpMessage
{
    public RtmpMessageType Type;
    public int ChunkStreamId;
    public uint MessageStreamId;

    /// <summary>Message timestamp, milliseconds (32-bit RTMP time, wraps).</summary>
    public uint Timestamp;

    public int Length;
    public BufferLease? Lease;

    /// <summary>Unix ns at which the receive that completed this message returned.</summary>
    public long ReceivedUnixNs;

    /// <summary>Kernel receive timestamp (SO_TIMESTAMPING) of the bytes that completed this message, 0 when unavailable.</summary>
    public long KernelReceivedUnixNs;

    public readonly unsafe ReadOnlySpan<byte> Payload =>
        Lease is null ? default : new ReadOnlySpan<byte>(Lease.Pointer, Length);

    /// <summary>Drops the holder's reference (no-op for empty messages).</summary>
    public void Release()
    {
        Lease?.Release();
        Lease = null;
    }
}
