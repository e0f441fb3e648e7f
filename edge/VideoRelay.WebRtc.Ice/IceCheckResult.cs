namespace VideoRelay.WebRtc.Ice;

/// <summary>The outcome of one datagram handed to <see cref="IceLiteAgent{TSession}"/>.</summary>
/// <param name="Outcome">Send a response or not.</param>
/// <param name="DropReason">Why nothing is to be sent (when <see cref="IceCheckOutcome.Dropped"/>).</param>
/// <param name="ParseError">The STUN parse error behind <see cref="IceDropReason.Malformed"/>.</param>
/// <param name="ErrorCode">400, 401, 420 or 487 for <see cref="IceCheckOutcome.ErrorResponse"/>, else 0.</param>
/// <param name="ResponseLength">Bytes of response written to the caller's buffer (0 when dropped).</param>
/// <param name="Session">The session the check authenticated against (null for drops, 400 and 401).</param>
/// <param name="UseCandidate">The controlling agent nominated this pair (USE-CANDIDATE present).</param>
/// <param name="Priority">The PRIORITY attribute (for a peer-reflexive candidate).</param>
public readonly record struct IceCheckResult<TSession>(
    IceCheckOutcome Outcome,
    IceDropReason DropReason,
    StunParseError ParseError,
    int ErrorCode,
    int ResponseLength,
    TSession? Session,
    bool UseCandidate,
    uint Priority)
    where TSession : class
{
    internal static IceCheckResult<TSession> Drop(IceDropReason reason, StunParseError parse = StunParseError.None) =>
        new(IceCheckOutcome.Dropped, reason, parse, 0, 0, null, false, 0);
}
