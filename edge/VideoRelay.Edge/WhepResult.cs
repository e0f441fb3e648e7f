namespace VideoRelay.Edge;

/// <summary>The outcome of a WHEP offer: 201 with an answer and a session id, or an error status with a reason.</summary>
public sealed record WhepResult(int Status, string? AnswerSdp, string? SessionId, string? Error);
