using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// Certificate fingerprints as SDP carries them (RFC 8122 §5): <c>a=fingerprint:sha-256 AB:CD:…:EF</c>,
/// the SHA-256 of the DER certificate as upper-case hex pairs joined by colons. Only sha-256 is used:
/// every browser offers it and RFC 8827 requires it.
/// </summary>
public static class DtlsFingerprint
{
    /// <summary>Length of a SHA-256 fingerprint in bytes.</summary>
    public const int Sha256Length = 32;

    /// <summary>The hash function token used in SDP.</summary>
    public const string Sha256Algorithm = "sha-256";

    private const string Prefix = Sha256Algorithm + " ";

    /// <summary>Length of the SDP value "sha-256 AB:…" in characters.</summary>
    public const int SdpValueLength = 8 + Sha256Length * 3 - 1;

    /// <summary>SHA-256 of a DER certificate.</summary>
    public static byte[] ComputeSha256(ReadOnlySpan<byte> derCertificate) => SHA256.HashData(derCertificate);

    /// <summary>Formats a SHA-256 fingerprint for SDP: <c>sha-256 AB:CD:…</c> (upper-case hex).</summary>
    public static string FormatSdp(ReadOnlySpan<byte> sha256)
    {
        if (sha256.Length != Sha256Length)
        {
            throw new ArgumentException($"a SHA-256 fingerprint has {Sha256Length} bytes, not {sha256.Length}", nameof(sha256));
        }
        Span<char> text = stackalloc char[SdpValueLength];
        Prefix.CopyTo(text);
        Span<char> hex = text[Prefix.Length..];
        for (int i = 0; i < sha256.Length; i++)
        {
            if (i > 0)
            {
                hex[(i * 3) - 1] = ':';
            }
            hex[i * 3] = HexDigit(sha256[i] >> 4);
            hex[(i * 3) + 1] = HexDigit(sha256[i] & 0xF);
        }
        return new string(text);
    }

    /// <summary>
    /// Parses the value of an SDP fingerprint attribute (<c>sha-256 AB:CD:…</c>; the hash name and hex
    /// are case-insensitive, surrounding white space is ignored) into 32 bytes. False for any other hash
    /// function or a malformed value.
    /// </summary>
    public static bool TryParseSdp(ReadOnlySpan<char> value, Span<byte> sha256)
    {
        value = value.Trim();
        if (sha256.Length < Sha256Length
            || value.Length != SdpValueLength
            || !value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        ReadOnlySpan<char> hex = value[Prefix.Length..];
        for (int i = 0; i < Sha256Length; i++)
        {
            if (i > 0 && hex[(i * 3) - 1] != ':')
            {
                return false;
            }
            int high = HexValue(hex[i * 3]);
            int low = HexValue(hex[(i * 3) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }
            sha256[i] = (byte)((high << 4) | low);
        }
        return true;
    }

    /// <summary>Parses like <see cref="TryParseSdp(ReadOnlySpan{char}, Span{byte})"/> into a new array.</summary>
    public static bool TryParseSdp(ReadOnlySpan<char> value, out byte[] sha256)
    {
        byte[] result = new byte[Sha256Length];
        if (TryParseSdp(value, result.AsSpan()))
        {
            sha256 = result;
            return true;
        }
        sha256 = [];
        return false;
    }

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
