namespace VideoRelay.WebRtc.Dtls;

/// <summary>Why a DTLS-SRTP handshake failed (see <see cref="DtlsHandshakeException"/>).</summary>
public enum DtlsHandshakeFailure
{
    /// <summary>The peer stopped answering: the handshake did not complete within its time limit.</summary>
    TimedOut,

    /// <summary>The peer's certificate does not hash to the fingerprint from SDP.</summary>
    FingerprintMismatch,

    /// <summary>The peer sent no certificate (WebRTC requires one from both sides).</summary>
    NoCertificate,

    /// <summary>use_srtp missing, or no protection profile both sides implement.</summary>
    NoCommonSrtpProfile,

    /// <summary>The peer aborted with a fatal alert (see <see cref="DtlsHandshakeException.AlertDescription"/>).</summary>
    AlertReceived,

    /// <summary>Any other protocol failure (no common cipher suite, bad signature, malformed message…).</summary>
    ProtocolError,

    /// <summary>The channel was closed by its owner before the handshake completed.</summary>
    Closed,
}
