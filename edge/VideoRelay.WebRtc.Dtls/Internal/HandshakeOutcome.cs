using System.Security.Cryptography;
using Org.BouncyCastle.Tls;

namespace VideoRelay.WebRtc.Dtls.Internal;

/// <summary>
/// What one handshake learned, shared by the TLS peer callbacks (handshake thread) and the endpoint that
/// reads it after the thread ends: the remote fingerprint check, the chosen SRTP profile, and the first
/// failure with a message a person can act on.
/// </summary>
internal sealed class HandshakeOutcome
{
    private readonly byte[] _expectedSha256;

    public HandshakeOutcome(ReadOnlySpan<byte> expectedSha256)
    {
        _expectedSha256 = expectedSha256.ToArray();
    }

    public byte[]? RemoteSha256 { get; private set; }

    public ushort SrtpProfile { get; set; }

    public DtlsHandshakeFailure? Failure { get; private set; }

    /// <summary>EXTRACTOR-dtls_srtp output, set by <see cref="ExportKeys"/>.</summary>
    public byte[]? KeyingMaterial { get; private set; }

    public int CipherSuite { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>Checks the peer's end-entity certificate against the SDP fingerprint; throws a fatal alert on mismatch.</summary>
    public void VerifyRemote(Certificate? chain)
    {
        if (chain is null || chain.IsEmpty)
        {
            throw Fail(DtlsHandshakeFailure.NoCertificate, AlertDescription.handshake_failure,
                "the peer sent no certificate; WebRTC requires one to match its SDP fingerprint");
        }
        byte[] actual = DtlsFingerprint.ComputeSha256(chain.GetCertificateAt(0).GetEncoded());
        RemoteSha256 = actual;
        if (!CryptographicOperations.FixedTimeEquals(actual, _expectedSha256))
        {
            throw Fail(DtlsHandshakeFailure.FingerprintMismatch, AlertDescription.bad_certificate,
                $"the peer's certificate fingerprint {DtlsFingerprint.FormatSdp(actual)} does not match the SDP fingerprint {DtlsFingerprint.FormatSdp(_expectedSha256)}");
        }
    }

    /// <summary>
    /// From NotifyHandshakeComplete (BouncyCastle allows exporting only there): derives the SRTP master
    /// keys and salts, RFC 5764 §4.2, sized for the negotiated profile.
    /// </summary>
    public void ExportKeys(TlsContext context)
    {
        if (!DtlsSrtpProfile.TryGetKeyLengths(SrtpProfile, out int keyLength, out int saltLength))
        {
            throw new TlsFatalAlert(AlertDescription.internal_error, "no SRTP profile was negotiated");
        }
        KeyingMaterial = context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, 2 * (keyLength + saltLength));
        CipherSuite = context.SecurityParameters.CipherSuite;
    }

    /// <summary>Records the first failure and returns the fatal alert for BouncyCastle to send.</summary>
    public TlsFatalAlert Fail(DtlsHandshakeFailure failure, short alertDescription, string message)
    {
        if (Failure is null)
        {
            Failure = failure;
            FailureMessage = message;
        }
        return new TlsFatalAlert(alertDescription, message);
    }
}
