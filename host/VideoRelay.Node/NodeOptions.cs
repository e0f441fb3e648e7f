namespace VideoRelay.Node;

/// <summary>Node-wide configuration (section "Node").</summary>
public sealed class NodeOptions
{
    /// <summary>"all" (ingest + edge in one process, the default), "origin" or "edge".</summary>
    public string Role { get; set; } = "all";

    /// <summary>HTTP port: WHEP, the player, /api, /metrics, /healthz.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the HTTP server binds.</summary>
    public string HttpAddress { get; set; } = "0.0.0.0";

    /// <summary>Publish the built-in test source as stream "demo".</summary>
    public bool DemoSource { get; set; } = true;
}
