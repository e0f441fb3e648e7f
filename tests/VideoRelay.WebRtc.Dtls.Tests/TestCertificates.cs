namespace VideoRelay.WebRtc.Dtls.Tests;

/// <summary>Certificates made once per test run (P-256 generation is fast, but there is no need to repeat it).</summary>
internal static class TestCertificates
{
    public static DtlsCertificate Edge { get; } = DtlsCertificate.Generate("edge");

    public static DtlsCertificate Browser { get; } = DtlsCertificate.Generate("WebRTC");

    public static DtlsCertificate Stranger { get; } = DtlsCertificate.Generate("stranger");

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}
