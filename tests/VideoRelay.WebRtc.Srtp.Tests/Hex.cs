namespace VideoRelay.WebRtc.Srtp.Tests;

internal static class Hex
{
    /// <summary>Hex string (spaces and newlines ignored) to bytes.</summary>
    public static byte[] Bytes(string hex) =>
        Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static string String(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
