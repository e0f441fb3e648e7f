namespace VideoRelay.Node;

/// <summary>What an edge reports at /api/load and what the front door balances on.</summary>
public sealed record EdgeLoad(int Viewers, int MaxViewers, long PacketsSent, bool Ready);
