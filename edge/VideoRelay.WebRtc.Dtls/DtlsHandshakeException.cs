namespace VideoRelay.WebRtc.Dtls;

/// <summary>A DTLS-SRTP handshake that did not produce keys; ends that one session.</summary>
public sealed class DtlsHandshakeException : Exception
{
    public DtlsHandshakeException()
        : this(DtlsHandshakeFailure.ProtocolError, "DTLS handshake failed.")
    {
    }

    public DtlsHandshakeException(string message)
        : this(DtlsHandshakeFailure.ProtocolError, message)
    {
    }

    public DtlsHandshakeException(string message, Exception innerException)
        : this(DtlsHandshakeFailure.ProtocolError, message, innerException)
    {
    }

    public DtlsHandshakeException(DtlsHandshakeFailure reason, string message, Exception? innerException = null, short? alertDescription = null)
        : base(message, innerException)
    {
        Reason = reason;
        AlertDescription = alertDescription;
    }

    public DtlsHandshakeFailure Reason { get; }

    /// <summary>The TLS alert description involved (RFC 5246 §7.2), when there was one.</summary>
    public short? AlertDescription { get; }
}
