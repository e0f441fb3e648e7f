using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.X509;
using TlsCertificateChain = Org.BouncyCastle.Tls.Certificate;

namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// The node's DTLS identity: a self-signed ECDSA P-256 certificate (signed with ecdsa-with-SHA256, no
/// extensions, like the certificates browsers generate for WebRTC) made once at start and shared by every
/// session. Peers authenticate it by its SHA-256 fingerprint from SDP, never by a CA.
/// </summary>
public sealed class DtlsCertificate
{
    private const string SignatureAlgorithmName = "SHA256WITHECDSA";

    private readonly byte[] _der;
    private readonly byte[] _sha256;

    private DtlsCertificate(byte[] der, ECPrivateKeyParameters privateKey)
    {
        _der = der;
        _sha256 = DtlsFingerprint.ComputeSha256(der);
        PrivateKey = privateKey;
        SdpFingerprint = DtlsFingerprint.FormatSdp(_sha256);
    }

    /// <summary>The certificate in DER form.</summary>
    public ReadOnlyMemory<byte> Der => _der;

    /// <summary>SHA-256 of <see cref="Der"/> (32 bytes).</summary>
    public ReadOnlyMemory<byte> Sha256 => _sha256;

    /// <summary>The value for <c>a=fingerprint:</c> in SDP, e.g. <c>sha-256 AB:CD:…</c>.</summary>
    public string SdpFingerprint { get; }

    /// <summary>The private key, in the form BouncyCastle's TLS signer (BcTlsCrypto) takes.</summary>
    internal ECPrivateKeyParameters PrivateKey { get; }

    /// <summary>
    /// Makes a fresh key pair and self-signed certificate.
    /// </summary>
    /// <param name="commonName">Subject and issuer CN (browsers use "WebRTC"; nothing checks it).</param>
    /// <param name="validity">How long the certificate claims to be valid; default one year. Fingerprint
    /// authentication ignores it, but some stacks log expired certificates.</param>
    public static DtlsCertificate Generate(string commonName = "VideoRelay", TimeSpan? validity = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(commonName);
        var random = new SecureRandom();
        var keyGenerator = new ECKeyPairGenerator();
        // By OID, so the public key is encoded with the named curve (explicit parameters are refused by browsers).
        keyGenerator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, random));
        AsymmetricCipherKeyPair keyPair = keyGenerator.GenerateKeyPair();

        DateTime now = DateTime.UtcNow;
        var name = new X509Name("CN=" + commonName);
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(new BigInteger(63, random).Add(BigInteger.One));
        generator.SetIssuerDN(name);
        generator.SetSubjectDN(name);
        generator.SetNotBefore(now.AddDays(-1));
        generator.SetNotAfter(now + (validity ?? TimeSpan.FromDays(365)));
        generator.SetPublicKey(keyPair.Public);
        X509Certificate certificate = generator.Generate(
            new Asn1SignatureFactory(SignatureAlgorithmName, keyPair.Private, random));
        return new DtlsCertificate(certificate.GetEncoded(), (ECPrivateKeyParameters)keyPair.Private);
    }

    /// <summary>The certificate as a one-entry TLS chain for the given crypto provider.</summary>
    internal TlsCertificateChain CreateChain(TlsCrypto crypto) =>
        new([crypto.CreateCertificate(_der)]);
}
