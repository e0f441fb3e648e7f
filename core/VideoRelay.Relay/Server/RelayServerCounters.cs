namespace VideoRelay.Relay.Server;

/// <summary>Counters of a <see cref="RelayServer"/> (Interlocked; read by /metrics).</summary>
public sealed class RelayServerCounters
{
    public long ConnectionsAccepted;
    public long ConnectionsActive;
    public long ConnectionsRefusedFull;
    public long Authenticated;
    /// <summary>Edges that could not prove the cluster secret.</summary>
    public long AuthFailures;
    /// <summary>Connections ended for garbage, unknown types, lengths over the bound, or malformed bodies.</summary>
    public long ProtocolErrors;
    /// <summary>Connections ended by a truncated message or silence (no heartbeat for the dead interval).</summary>
    public long Timeouts;
    public long Subscriptions;
    public long SubscribeNotFound;
    public long KeyframeRequests;
    public long FramesSent;
    public long BytesSent;
    /// <summary>Frames dropped at a slow edge's queues (summed when its subscription ends, and live in <see cref="RelayServer"/>).</summary>
    public long FramesDropped;
}
