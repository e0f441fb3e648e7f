namespace VideoRelay.Relay.Protocol;

/// <summary>Codes carried by ERROR and CLOSE messages.</summary>
public enum RelayErrorCode : ushort
{
    None = 0,
    /// <summary>Not a relay peer, unknown message type, or a malformed body.</summary>
    Protocol = 1,
    /// <summary>The peer speaks a version this node does not.</summary>
    Version = 2,
    /// <summary>The HMAC proof did not verify: the cluster secrets differ.</summary>
    AuthFailed = 3,
    /// <summary>A length above the bound for its message type.</summary>
    TooLarge = 4,
    /// <summary>SUBSCRIBE named a stream the origin does not have.</summary>
    NotFound = 5,
    /// <summary>Too many channels or connections.</summary>
    Limit = 6,
    /// <summary>A channel number that is not subscribed (or already is).</summary>
    BadChannel = 7,
    /// <summary>The node is shutting down.</summary>
    Shutdown = 8,
    /// <summary>Nothing heard from the peer for the dead interval.</summary>
    Timeout = 9,
}
