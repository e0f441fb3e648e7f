namespace VideoRelay.WebRtc.Sdp;

/// <summary>The answer SDP text and what it negotiated.</summary>
/// <param name="Sdp">The answer, CRLF line endings.</param>
/// <param name="Session">The negotiated parameters.</param>
public sealed record WhepAnswer(string Sdp, NegotiatedSession Session);
