namespace VideoRelay.WebRtc.Ice;

/// <summary>Why a datagram was silently dropped by the ICE-lite agent: one counter per value.</summary>
public enum IceDropReason : byte
{
    /// <summary>Not dropped.</summary>
    None = 0,

    /// <summary>Not a STUN message (bad first bits or magic cookie).</summary>
    NotStun,

    /// <summary>STUN framing or attribute bounds were wrong; see the parse error.</summary>
    Malformed,

    /// <summary>Bytes after the end of the STUN message inside the datagram.</summary>
    TrailingBytes,

    /// <summary>A method other than Binding.</summary>
    UnsupportedMethod,

    /// <summary>A Binding indication (keepalive): valid, needs no answer.</summary>
    Indication,

    /// <summary>A response: an ICE-lite agent sends no requests, so it expects none.</summary>
    UnexpectedResponse,

    /// <summary>FINGERPRINT missing (ICE requires it, RFC 8445 §7.2.2).</summary>
    MissingFingerprint,

    /// <summary>FINGERPRINT wrong: treated as not STUN (RFC 8489 §7.3).</summary>
    BadFingerprint,

    /// <summary>The response did not fit the caller's buffer.</summary>
    ResponseBufferTooSmall,
}
