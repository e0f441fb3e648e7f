namespace VideoRelay.WebRtc.Dtls.Tests;

public class DtlsFingerprintTests
{
    private static readonly byte[] Bytes = Enumerable.Range(0, 32).Select(i => (byte)(i * 8 + 5)).ToArray();

    private const string Text =
        "sha-256 05:0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:85:8D:95:9D:A5:AD:B5:BD:C5:CD:D5:DD:E5:ED:F5:FD";

    [Fact]
    public void Formats_upper_case_hex_pairs_joined_by_colons()
    {
        Assert.Equal(Text, DtlsFingerprint.FormatSdp(Bytes));
        Assert.Equal(DtlsFingerprint.SdpValueLength, Text.Length);
    }

    [Theory]
    [InlineData(Text)]
    [InlineData("SHA-256 05:0d:15:1d:25:2d:35:3d:45:4d:55:5d:65:6d:75:7d:85:8d:95:9d:a5:ad:b5:bd:c5:cd:d5:dd:e5:ed:f5:fd")]
    [InlineData("  " + Text + "\r\n")]
    public void Parses_what_browsers_write(string value)
    {
        Assert.True(DtlsFingerprint.TryParseSdp(value, out byte[] parsed));
        Assert.Equal(Bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha-1 05:0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:85:8D:95:9D")]
    [InlineData("sha-256 05:0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:85:8D:95:9D:A5:AD:B5:BD:C5:CD:D5:DD:E5:ED:F5")]
    [InlineData("sha-256 05:0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:85:8D:95:9D:A5:AD:B5:BD:C5:CD:D5:DD:E5:ED:F5:FG")]
    [InlineData("sha-256 05-0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:85:8D:95:9D:A5:AD:B5:BD:C5:CD:D5:DD:E5:ED:F5:FD")]
    [InlineData("sha-512 05:0D:15:1D:25:2D:35:3D:45:4D:55:5D:65:6D:75:7D:85:8D:95:9D:A5:AD:B5:BD:C5:CD:D5:DD:E5:ED:F5:FD")]
    public void Refuses_other_hashes_and_malformed_values(string value)
    {
        Assert.False(DtlsFingerprint.TryParseSdp(value, out byte[] parsed));
        Assert.Empty(parsed);
    }

    [Fact]
    public void Format_refuses_a_wrong_length() =>
        Assert.Throws<ArgumentException>(() => DtlsFingerprint.FormatSdp(new byte[20]));
}
