namespace VideoRelay.WebRtc.Ice;

/// <summary>What the caller should do after <see cref="IceLiteAgent{TSession}.Process"/>.</summary>
public enum IceCheckOutcome : byte
{
    /// <summary>A valid check: send the success response; the session is known.</summary>
    Success,

    /// <summary>Send the error response that was written (400, 401, 420 or 487).</summary>
    ErrorResponse,

    /// <summary>Send nothing; <see cref="IceCheckResult{TSession}.DropReason"/> says why (count it).</summary>
    Dropped,
}
