namespace VideoRelay.Node;

/// <summary>The relay between origin and edges (section "Relay").</summary>
public sealed class RelayNodeOptions
{
    /// <summary>
    /// Port the relay server listens on: the origin serves its streams to edges here (default 9100 for the origin
    /// role); an edge that sets it serves its streams onward (cascade). 0 = no relay server.
    /// </summary>
    public int Port { get; set; }

    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>host:port of the origin (or of an upstream edge) an edge pulls from.</summary>
    public string Origin { get; set; } = "127.0.0.1:9100";

    /// <summary>Longest wait between reconnect attempts to the origin (backoff starts at 0.2 s and doubles up to this).</summary>
    public double ReconnectMaxDelaySeconds { get; set; } = 1;

    /// <summary>The cluster secret both ends prove with HMAC. Required for any relay use.</summary>
    public string Secret { get; set; } = "";
}
