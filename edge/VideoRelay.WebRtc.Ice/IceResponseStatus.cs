namespace VideoRelay.WebRtc.Ice;

/// <summary>What <see cref="IceControllingClient.ValidateResponse"/> found.</summary>
public enum IceResponseStatus : byte
{
    /// <summary>An authenticated Binding success response to our request.</summary>
    Success,

    /// <summary>A Binding error response to our request; see the error code.</summary>
    ErrorResponse,

    /// <summary>Not a STUN message.</summary>
    NotStun,

    /// <summary>STUN, but malformed or with trailing bytes.</summary>
    Malformed,

    /// <summary>Not a Binding response.</summary>
    NotBindingResponse,

    /// <summary>The transaction id is not the one we sent.</summary>
    TransactionMismatch,

    /// <summary>FINGERPRINT missing or wrong.</summary>
    BadFingerprint,

    /// <summary>MESSAGE-INTEGRITY missing or not made with the remote password.</summary>
    BadIntegrity,

    /// <summary>A success response without XOR-MAPPED-ADDRESS.</summary>
    MissingMappedAddress,
}
