namespace VideoRelay.Node;

/// <summary>What a node runs (Node:Role).</summary>
public static class NodeRoles
{
    /// <summary>Ingest and edge in one process, joined in memory (the default).</summary>
    public const string All = "all";

    /// <summary>Ingest (RTMP, SRT, transcoder) and the relay server for edges; no WebRTC.</summary>
    public const string Origin = "origin";

    /// <summary>WebRTC edge pulling streams from an origin (or another edge) over the relay.</summary>
    public const string Edge = "edge";

    /// <summary>Answers WHEP offers with a redirect to the least-loaded healthy edge.</summary>
    public const string FrontDoor = "frontdoor";
}
