namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// A well-formed offer that cannot be answered: no ICE credentials, no sha-256 fingerprint, no
/// media section we can serve. The message is meant for the WHEP client.
/// </summary>
public sealed class SdpNegotiationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SdpNegotiationException(string message)
        : base(message)
    {
    }
}
