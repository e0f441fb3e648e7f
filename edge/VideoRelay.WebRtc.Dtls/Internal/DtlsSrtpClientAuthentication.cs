using Org.BouncyCastle.Tls;

namespace VideoRelay.WebRtc.Dtls.Internal;

/// <summary>The client's certificate handling: verify the server's by fingerprint, present ours when asked.</summary>
internal sealed class DtlsSrtpClientAuthentication(DtlsSrtpClient client) : TlsAuthentication
{
    public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
        client.Outcome.VerifyRemote(serverCertificate.Certificate);

    public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest)
    {
        bool ecdsaAllowed = Array.IndexOf(certificateRequest.CertificateTypes ?? [], ClientCertificateType.ecdsa_sign) >= 0;
        IList<SignatureAndHashAlgorithm>? algorithms = certificateRequest.SupportedSignatureAlgorithms;
        bool schemeAllowed = algorithms is null || algorithms.Contains(DtlsPeerSettings.SignatureAlgorithm);
        // Without a usable certificate we send none; the server then refuses us with a clear alert.
        return ecdsaAllowed && schemeAllowed ? DtlsPeerSettings.CreateSigner(client.Context, client.Certificate) : null;
    }
}
