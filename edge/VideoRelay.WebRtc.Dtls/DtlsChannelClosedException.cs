namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// Thrown out of a blocked DTLS receive when its <see cref="DtlsDatagramChannel"/> is closed (session end,
/// handshake timeout or cancellation). It derives from <see cref="IOException"/> because that is what
/// BouncyCastle's record layer expects from a transport.
/// </summary>
public sealed class DtlsChannelClosedException : IOException
{
    public DtlsChannelClosedException()
        : base("The DTLS datagram channel was closed.")
    {
    }

    public DtlsChannelClosedException(string message)
        : base(message)
    {
    }

    public DtlsChannelClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
