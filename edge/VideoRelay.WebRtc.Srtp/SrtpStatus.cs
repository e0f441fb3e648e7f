namespace VideoRelay.WebRtc.Srtp;

/// <summary>
/// Outcome of one protect/unprotect call. Everything but <see cref="Ok"/> means "drop this packet";
/// the distinct values let the edge count drop reasons.
/// </summary>
public enum SrtpStatus : byte
{
    /// <summary>The packet was transformed; <c>written</c> bytes of the destination are valid.</summary>
    Ok = 0,

    /// <summary>The input is not a well-formed RTP/RTCP or SRTP/SRTCP packet (too short, wrong version, lengths past the end).</summary>
    Malformed,

    /// <summary>The authentication tag did not verify (tampered, wrong key, or garbage). Nothing in the stream state changed.</summary>
    AuthFailed,

    /// <summary>The packet index was already received, or is older than the replay window.</summary>
    Replay,

    /// <summary>The destination span is too small for the output.</summary>
    DestinationTooSmall,

    /// <summary>A new SSRC would exceed the context's stream limit; the packet was not processed.</summary>
    TooManyStreams,

    /// <summary>The packet index space of this SSRC is used up (2^48 RTP or 2^31 SRTCP packets); the session must be re-keyed.</summary>
    IndexExhausted,
}
