using System.Collections.Concurrent;

namespace VideoRelay.Ingest.Srt;

/// <summary>Totals of one <see cref="SrtListener"/>, safe to read from any thread.</summary>
public sealed class SrtListenerCounters
{
    private readonly ConcurrentDictionary<int, long> _rejected = new();
    private long _handshakes;
    private long _connections;
    private long _active;
    private long _handshakesFailed;
    private long _bytes;
    private long _messages;
    private long _packetsLost;
    private long _packetsRetransmitted;
    private long _packetsDropped;

    /// <summary>Handshakes that reached the listen callback.</summary>
    public long Handshakes => Interlocked.Read(ref _handshakes);

    /// <summary>Connections accepted.</summary>
    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Connections open now.</summary>
    public long ActiveConnections => Interlocked.Read(ref _active);

    /// <summary>Publishers admitted by the callback whose handshake then failed (wrong or missing passphrase).</summary>
    public long HandshakesFailed => Interlocked.Read(ref _handshakesFailed);

    /// <summary>Payload bytes received.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>SRT messages received (1316 bytes each from most encoders).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Packets SRT saw lost (receiver side), from srt_bstats.</summary>
    public long PacketsLost => Interlocked.Read(ref _packetsLost);

    /// <summary>Retransmitted packets received, from srt_bstats.</summary>
    public long PacketsRetransmitted => Interlocked.Read(ref _packetsRetransmitted);

    /// <summary>Packets dropped as too late to play (TLPKTDROP), from srt_bstats.</summary>
    public long PacketsDropped => Interlocked.Read(ref _packetsDropped);

    /// <summary>Rejections so far, by reject code (<see cref="SrtRejectReason"/>).</summary>
    public IReadOnlyDictionary<int, long> Rejected => _rejected;

    /// <summary>Rejections with one code.</summary>
    public long RejectedFor(int reason) => _rejected.GetValueOrDefault(reason);

    internal void OnHandshake() => Interlocked.Increment(ref _handshakes);

    internal void OnRejected(int reason) => _rejected.AddOrUpdate(reason, 1, static (_, n) => n + 1);

    internal void OnHandshakeFailed() => Interlocked.Increment(ref _handshakesFailed);

    internal void OnConnected()
    {
        Interlocked.Increment(ref _connections);
        Interlocked.Increment(ref _active);
    }

    internal void OnDisconnected() => Interlocked.Decrement(ref _active);

    internal void OnMessage(int bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Increment(ref _messages);
    }

    internal void AddTransportStats(long lost, long retransmitted, long dropped)
    {
        Interlocked.Add(ref _packetsLost, lost);
        Interlocked.Add(ref _packetsRetransmitted, retransmitted);
        Interlocked.Add(ref _packetsDropped, dropped);
    }
}
