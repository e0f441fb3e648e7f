using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace VideoRelay.WebRtc.Dtls.Internal;

/// <summary>What our DTLS client and server share: version, cipher suites, signature scheme, credentials.</summary>
internal static class DtlsPeerSettings
{
    /// <summary>
    /// ECDHE with ECDSA authentication only (our certificate is P-256). AES-128-GCM first: it is what
    /// Chromium, Firefox and Safari negotiate, and AES-NI makes it the cheapest.
    /// </summary>
    public static int[] CipherSuites() =>
    [
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];

    public static ProtocolVersion[] Versions() => ProtocolVersion.DTLSv12.Only();

    /// <summary>ecdsa_secp256r1_sha256: the signature our P-256 key makes.</summary>
    public static SignatureAndHashAlgorithm SignatureAlgorithm { get; } =
        SignatureAndHashAlgorithm.GetInstance(HashAlgorithm.sha256, Org.BouncyCastle.Tls.SignatureAlgorithm.ecdsa);

    public static TlsCredentialedSigner CreateSigner(TlsContext context, DtlsCertificate certificate)
    {
        var crypto = (BcTlsCrypto)context.Crypto;
        return new BcDefaultTlsCredentialedSigner(
            new TlsCryptoParameters(context), crypto, certificate.PrivateKey, certificate.CreateChain(crypto), SignatureAlgorithm);
    }

    /// <summary>use_srtp with our profiles and an empty MKI (RFC 5764 §4.1.1).</summary>
    public static UseSrtpData UseSrtp(IReadOnlyList<ushort> profiles)
    {
        int[] values = new int[profiles.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = profiles[i];
        }
        return new UseSrtpData(values, TlsUtilities.EmptyBytes);
    }
}
