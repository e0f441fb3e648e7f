namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>What a WHEP connect in the viewer agent gave: the edge's media address and session, or the refusal; and how long it took.</summary>
internal sealed record AgentConnectResult(bool Ok, int HttpStatus, string Error, string RemoteEndPoint, string SessionUrl, double ConnectMs);
