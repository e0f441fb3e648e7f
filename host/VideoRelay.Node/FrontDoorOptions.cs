namespace VideoRelay.Node;

/// <summary>The front door (section "FrontDoor"): spreads viewers over edges.</summary>
public sealed class FrontDoorOptions
{
    /// <summary>Comma-separated base URLs of the edges, as browsers reach them (e.g. http://10.0.0.2:8080).</summary>
    public string Edges { get; set; } = "";

    /// <summary>Base URL of the origin's HTTP API, for the stream list (optional; else an edge's list is shown).</summary>
    public string Origin { get; set; } = "";

    /// <summary>How often each edge's /api/load is polled.</summary>
    public double PollSeconds { get; set; } = 1;
}
