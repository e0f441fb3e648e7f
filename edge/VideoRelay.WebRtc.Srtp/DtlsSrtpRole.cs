namespace VideoRelay.WebRtc.Srtp;

/// <summary>Our role in the DTLS handshake that produced the SRTP keying material (RFC 5764 §4.2).</summary>
public enum DtlsSrtpRole : byte
{
    /// <summary>We were the DTLS client: we send with client_write keys and receive with server_write keys.</summary>
    Client,

    /// <summary>We were the DTLS server: we send with server_write keys and receive with client_write keys.</summary>
    Server,
}
