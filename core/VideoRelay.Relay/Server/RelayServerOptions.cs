using System.Net;
using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Server;

/// <summary>Settings of a <see cref="RelayServer"/> (the origin side, or an edge serving a cascade).</summary>
public sealed class RelayServerOptions
{
    /// <summary>Where to listen; port 0 picks a free port (read it back from <see cref="RelayServer.LocalEndPoint"/>).</summary>
    public IPEndPoint EndPoint { get; set; } = new(IPAddress.Any, 9100);

    /// <summary>The cluster secret every edge must prove (HMAC-SHA256); required.</summary>
    public string Secret { get; set; } = "";

    /// <summary>This node's name, sent in HELLO (logs on the other side).</summary>
    public string NodeName { get; set; } = Environment.MachineName;

    /// <summary>Edges served at once; further connections are closed at accept (counted).</summary>
    public int MaxConnections { get; set; } = 256;

    /// <summary>Streams one edge may subscribe at once.</summary>
    public int MaxChannelsPerConnection { get; set; } = 256;

    /// <summary>Frames queued per rendition for one edge before it drops (then waits for a keyframe).</summary>
    public int VideoQueueFrames { get; set; } = 256;

    /// <summary>Audio frames queued for one edge before it drops.</summary>
    public int AudioQueueFrames { get; set; } = 256;

    /// <summary>Time from accept to an authenticated connection.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Heartbeat interval (both ways).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Silence after which the edge counts as dead (and a blocked send gives up).</summary>
    public TimeSpan DeadAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a SUBSCRIBE may wait for the catalog to find the stream (a cascading edge asks its own origin).</summary>
    public TimeSpan FindTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Largest FRAME body accepted (control messages are bounded at 64 KiB).</summary>
    public int MaxFrameLength { get; set; } = RelayMessageHeader.DefaultMaxFrameLength;
}
