using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace VideoRelay.WebRtc.Dtls.Internal;

/// <summary>
/// The edge's side of DTLS-SRTP (RFC 5763/5764) as a BouncyCastle <see cref="TlsServer"/>: DTLS 1.2 only,
/// ECDHE-ECDSA suites, extended master secret required, a CertificateRequest so the browser proves the
/// certificate whose fingerprint its SDP offer carries, and use_srtp choosing our most preferred profile
/// among those the client offers.
/// </summary>
internal sealed class DtlsSrtpServer : DefaultTlsServer
{
    private readonly DtlsCertificate _certificate;
    private readonly HandshakeOutcome _outcome;
    private readonly IReadOnlyList<ushort> _profilePreference;
    private readonly int _resendMillis;

    public DtlsSrtpServer(TlsCrypto crypto, DtlsCertificate certificate, HandshakeOutcome outcome, DtlsSrtpOptions options)
        : base(crypto)
    {
        _certificate = certificate;
        _outcome = outcome;
        _profilePreference = options.SrtpProfiles;
        _resendMillis = (int)options.InitialRetransmitTimeout.TotalMilliseconds;
    }

    /// <summary>The connection's context.</summary>
    public TlsContext Context => m_context;

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _outcome.ExportKeys(m_context);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => DtlsPeerSettings.Versions();

    protected override int[] GetSupportedCipherSuites() => DtlsPeerSettings.CipherSuites();

    protected override bool PreferLocalCipherSuites() => true;

    // The whole-handshake limit is enforced by DtlsSrtpEndpoint (it closes the channel), so BouncyCastle's own is off.
    public override int GetHandshakeTimeoutMillis() => 0;

    public override int GetHandshakeResendTimeMillis() => _resendMillis;

    public override bool RequiresExtendedMasterSecret() => true;

    // Peers are authenticated by fingerprint, so how a self-signed certificate signed itself does not matter.
    public override bool ShouldCheckSigAlgOfPeerCerts() => false;

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() =>
        DtlsPeerSettings.CreateSigner(m_context, _certificate);

    public override CertificateRequest GetCertificateRequest() =>
        new(
            [ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign],
            TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context),
            null);

    public override void NotifyClientCertificate(Certificate clientCertificate) => _outcome.VerifyRemote(clientCertificate);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        UseSrtpData? offered = clientExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        if (offered is null)
        {
            throw _outcome.Fail(DtlsHandshakeFailure.NoCommonSrtpProfile, AlertDescription.handshake_failure,
                "the client did not offer the use_srtp extension");
        }
        foreach (ushort candidate in _profilePreference)
        {
            if (Array.IndexOf(offered.ProtectionProfiles, candidate) >= 0)
            {
                _outcome.SrtpProfile = candidate;
                return;
            }
        }
        throw _outcome.Fail(DtlsHandshakeFailure.NoCommonSrtpProfile, AlertDescription.handshake_failure,
            $"no common SRTP profile: the client offered [{string.Join(", ", offered.ProtectionProfiles.Select(p => DtlsSrtpProfile.GetName((ushort)p)))}]");
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, DtlsPeerSettings.UseSrtp([_outcome.SrtpProfile]));
        return extensions;
    }
}
