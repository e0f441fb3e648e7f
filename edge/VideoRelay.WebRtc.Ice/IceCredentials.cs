using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Ice;

/// <summary>An ICE ufrag/password pair (RFC 8839 §5.4), generated from the ice-char set.</summary>
/// <param name="Ufrag">At least 4 ice-chars.</param>
/// <param name="Password">At least 22 ice-chars.</param>
public readonly record struct IceCredentials(string Ufrag, string Password)
{
    /// <summary>ice-char = ALPHA / DIGIT / "+" / "/".</summary>
    public const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>RFC 8839: ufrag at least 4 characters.</summary>
    public const int MinUfragLength = 4;

    /// <summary>RFC 8839: password at least 22 characters (128 bits of randomness).</summary>
    public const int MinPasswordLength = 22;

    /// <summary>Fresh random credentials from <see cref="RandomNumberGenerator"/>.</summary>
    public static IceCredentials Generate(int ufragLength = 8, int passwordLength = 24)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ufragLength, MinUfragLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ufragLength, 256);
        ArgumentOutOfRangeException.ThrowIfLessThan(passwordLength, MinPasswordLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(passwordLength, 256);
        return new IceCredentials(
            RandomNumberGenerator.GetString(IceChars, ufragLength),
            RandomNumberGenerator.GetString(IceChars, passwordLength));
    }
}
