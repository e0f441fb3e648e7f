using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;

namespace VideoRelay.WebRtc.Dtls.Internal;

/// <summary>
/// The mirror of <see cref="DtlsSrtpServer"/> for our own WHEP test client and the benchmark: offers
/// DTLS 1.2, ECDHE-ECDSA suites, extended master secret and use_srtp; answers the CertificateRequest
/// with our certificate and checks the server's against the fingerprint in the SDP answer.
/// </summary>
internal sealed class DtlsSrtpClient : DefaultTlsClient
{
    private readonly DtlsCertificate _certificate;
    private readonly HandshakeOutcome _outcome;
    private readonly IReadOnlyList<ushort> _offeredProfiles;
    private readonly int _resendMillis;

    public DtlsSrtpClient(TlsCrypto crypto, DtlsCertificate certificate, HandshakeOutcome outcome, DtlsSrtpOptions options)
        : base(crypto)
    {
        _certificate = certificate;
        _outcome = outcome;
        _offeredProfiles = options.SrtpProfiles;
        _resendMillis = (int)options.InitialRetransmitTimeout.TotalMilliseconds;
    }

    /// <summary>The connection's context.</summary>
    public TlsContext Context => m_context;

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _outcome.ExportKeys(m_context);
    }

    public HandshakeOutcome Outcome => _outcome;

    public DtlsCertificate Certificate => _certificate;

    protected override ProtocolVersion[] GetSupportedVersions() => DtlsPeerSettings.Versions();

    protected override int[] GetSupportedCipherSuites() => DtlsPeerSettings.CipherSuites();

    public override int GetHandshakeTimeoutMillis() => 0;

    public override int GetHandshakeResendTimeMillis() => _resendMillis;

    public override bool RequiresExtendedMasterSecret() => true;

    public override bool ShouldCheckSigAlgOfPeerCerts() => false;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        TlsSrtpUtilities.AddUseSrtpExtension(extensions, DtlsPeerSettings.UseSrtp(_offeredProfiles));
        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        UseSrtpData? chosen = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (chosen is null)
        {
            throw _outcome.Fail(DtlsHandshakeFailure.NoCommonSrtpProfile, AlertDescription.handshake_failure,
                "the server did not answer the use_srtp extension");
        }
        // RFC 5764 §4.1.1: the server answers with exactly one of the offered profiles, and an MKI only if we sent one.
        if (chosen.ProtectionProfiles.Length != 1
            || chosen.ProtectionProfiles[0] is < 0 or > ushort.MaxValue
            || !_offeredProfiles.Contains((ushort)chosen.ProtectionProfiles[0])
            || chosen.Mki.Length != 0)
        {
            throw _outcome.Fail(DtlsHandshakeFailure.NoCommonSrtpProfile, AlertDescription.illegal_parameter,
                "the server's use_srtp answer is not exactly one of the offered profiles with an empty MKI");
        }
        _outcome.SrtpProfile = (ushort)chosen.ProtectionProfiles[0];
    }

    public override TlsAuthentication GetAuthentication() => new DtlsSrtpClientAuthentication(this);
}
