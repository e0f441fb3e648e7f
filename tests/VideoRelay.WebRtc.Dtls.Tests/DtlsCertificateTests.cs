using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;

namespace VideoRelay.WebRtc.Dtls.Tests;

public class DtlsCertificateTests
{
    [Fact]
    public void Generated_certificate_is_self_signed_ecdsa_p256_with_sha256()
    {
        DtlsCertificate certificate = DtlsCertificate.Generate("WebRTC");
        using var x509 = X509CertificateLoader.LoadCertificate(certificate.Der.Span);

        Assert.Equal("CN=WebRTC", x509.Subject);
        Assert.Equal(x509.Subject, x509.Issuer);
        Assert.Equal("1.2.840.10045.4.3.2", x509.SignatureAlgorithm.Value); // ecdsa-with-SHA256
        using ECDsa? key = x509.GetECDsaPublicKey();
        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        ECParameters parameters = key.ExportParameters(false);
        Assert.True(parameters.Curve.IsNamed);
        Assert.Equal(ECCurve.NamedCurves.nistP256.Oid.Value, parameters.Curve.Oid.Value);
        Assert.True(x509.NotAfter > DateTime.Now.AddDays(300));

        // Self-signed: its own public key verifies its signature.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(x509);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(x509));
    }

    [Fact]
    public void Fingerprint_is_the_sha256_of_the_der_formatted_for_sdp()
    {
        DtlsCertificate certificate = TestCertificates.Edge;
        Assert.Equal(SHA256.HashData(certificate.Der.Span), certificate.Sha256.ToArray());
        Assert.Matches(new Regex("^sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}$"), certificate.SdpFingerprint);
        Assert.True(DtlsFingerprint.TryParseSdp(certificate.SdpFingerprint, out byte[] parsed));
        Assert.Equal(certificate.Sha256.ToArray(), parsed);
    }

    [Fact]
    public void Each_generation_makes_a_new_key_and_serial()
    {
        DtlsCertificate a = DtlsCertificate.Generate();
        DtlsCertificate b = DtlsCertificate.Generate();
        Assert.NotEqual(a.SdpFingerprint, b.SdpFingerprint);
        using var xa = X509CertificateLoader.LoadCertificate(a.Der.Span);
        using var xb = X509CertificateLoader.LoadCertificate(b.Der.Span);
        Assert.NotEqual(xa.SerialNumber, xb.SerialNumber);
        Assert.NotEqual(xa.GetPublicKey(), xb.GetPublicKey());
    }
}
