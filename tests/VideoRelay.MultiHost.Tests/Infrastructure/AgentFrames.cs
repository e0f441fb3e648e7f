using VideoRelay.MultiHost.Tests.Agent;

namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>Video samples drained from an agent viewer, with its counters at that moment.</summary>
internal sealed record AgentFrames(List<VideoSample> Samples, string Counters, long ConsentChecksSent, long ConsentResponses, bool ClosedByServer, string? ReceiveFailure);
