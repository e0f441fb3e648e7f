using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Srtp.Internal;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3) with key derivation rate 0, using the
/// AES-CM PRF (§4.3.3; AES-256 for 32-byte master keys as in RFC 6188 / RFC 7714 §11).
/// </summary>
/// <remarks>
/// <code>
///   key_id = label || r        (r = index DIV kdr = 0 when kdr = 0: 48 zero bits)
///   x      = key_id XOR master_salt    (right-aligned in 112 bits)
///   out    = AES-CM(master_key, IV = x * 2^16), first n bytes of keystream
/// </code>
/// The label lands on byte 7 of the 14-byte salt. A 12-byte AEAD master salt is zero-padded on the
/// right to 14 bytes first, as libsrtp (and so every browser) does.
/// </remarks>
internal static class SrtpKeyDerivation
{
    public const byte LabelRtpEncryption = 0x00;
    public const byte LabelRtpAuthentication = 0x01;
    public const byte LabelRtpSalt = 0x02;
    public const byte LabelRtcpEncryption = 0x03;
    public const byte LabelRtcpAuthentication = 0x04;
    public const byte LabelRtcpSalt = 0x05;

    /// <summary>Fills <paramref name="output"/> with the derived key for <paramref name="label"/>.</summary>
    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        if (masterSalt.Length > 14)
        {
            ThrowHelper.WrongLength(nameof(masterSalt), masterSalt.Length, 14);
        }

        if (output.IsEmpty)
        {
            return;
        }

        int blocks = (output.Length + 15) / 16;
        byte[] counters = new byte[blocks * 16];
        byte[] stream = new byte[blocks * 16];
        for (int j = 0; j < blocks; j++)
        {
            Span<byte> block = counters.AsSpan(j * 16, 16);
            masterSalt.CopyTo(block);
            block[7] ^= label;
            block[14] = (byte)(j >> 8);
            block[15] = (byte)j;
        }

        using (Aes aes = Aes.Create())
        {
            aes.Key = masterKey.ToArray();
            aes.EncryptEcb(counters, stream, PaddingMode.None);
        }

        stream.AsSpan(0, output.Length).CopyTo(output);
        CryptographicOperations.ZeroMemory(stream);
    }
}
