using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Client;

/// <summary>Settings of a <see cref="RelayClient"/> (an edge pulling streams from an origin, or from another edge).</summary>
public sealed class RelayClientOptions
{
    /// <summary>The origin's relay address, "host:port" (e.g. "origin:9100").</summary>
    public string Origin { get; set; } = "127.0.0.1:9100";

    /// <summary>The cluster secret; the origin must prove it too (mutual HMAC-SHA256). Required.</summary>
    public string Secret { get; set; } = "";

    /// <summary>This node's name, sent in HELLO (logs on the origin).</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>Seconds a stream stays subscribed after its last viewer left (a returning viewer starts at once).</summary>
    public double LingerSeconds { get; set; } = 10;

    /// <summary>First delay before reconnecting after the origin connection dropped; doubles up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between reconnection attempts.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time allowed for the TCP connect.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Time allowed for HELLO/AUTH.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat interval (both ways).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which the origin counts as dead and the client reconnects.</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <see cref="RelayClient.FindAsync"/> waits for the origin's answer to a new subscription.</summary>
    public TimeSpan FindTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest FRAME body accepted from the origin.</summary>
    public int MaxFrameLength { get; set; } = RelayMessageHeader.DefaultMaxFrameLength;
}
