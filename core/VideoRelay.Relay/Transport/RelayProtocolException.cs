using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Transport;

/// <summary>Ends one relay connection: a protocol violation by the peer, a refusal sent by the peer, or a failed proof.</summary>
internal sealed class RelayProtocolException(RelayErrorCode code, string message, bool fromPeer = false) : Exception(message)
{
    public RelayErrorCode Code { get; } = code;

    /// <summary>True when the peer sent this as ERROR/CLOSE (nothing to answer).</summary>
    public bool FromPeer { get; } = fromPeer;
}
