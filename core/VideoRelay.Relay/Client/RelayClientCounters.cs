using VideoRelay.Core.Timing;

namespace VideoRelay.Relay.Client;

/// <summary>Counters of a <see cref="RelayClient"/> (Interlocked; read by /metrics).</summary>
public sealed class RelayClientCounters
{
    /// <summary>Authenticated connections to the origin, the first included.</summary>
    public long Connects;
    /// <summary>Authenticated connections after the first (the origin came back).</summary>
    public long Reconnects;
    public long ConnectFailures;
    /// <summary>The origin refused our proof, or could not prove the secret itself.</summary>
    public long AuthFailures;
    /// <summary>Connections ended because the origin sent something malformed or over a bound.</summary>
    public long ProtocolErrors;
    /// <summary>Connections ended by silence (no heartbeat for the dead interval).</summary>
    public long Timeouts;
    public long FramesIn;
    /// <summary>Payload bytes received in FRAME messages.</summary>
    public long BytesIn;
    /// <summary>Frames read and dropped: waiting for a keyframe after a reconnect or a loss, an unknown channel, or no pooled buffer.</summary>
    public long FramesDropped;
    /// <summary>Frames dropped because the pool had no buffer of their size.</summary>
    public long PoolMisses;
    public long Subscribes;
    public long Unsubscribes;
    public long KeyframeRequestsSent;

    /// <summary>Relay lag: EdgeRx − RelaySend of every frame (ns; includes the clock offset between the two hosts).</summary>
    public LatencyHistogram RelayLag { get; } = new("relay lag (EdgeRx − RelaySend)");
}
