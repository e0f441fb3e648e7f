using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// MESSAGE-INTEGRITY (HMAC-SHA1) and FINGERPRINT (CRC-32 XOR 0x5354554E) over a message prefix,
/// with the header's length field patched as RFC 8489 §14.5 and §14.7 require.
/// </summary>
internal static class StunIntegrity
{
    public const int HmacSize = 20;
    public const uint FingerprintXor = 0x5354554E;
    private const int StackLimit = 1024;

    /// <summary>
    /// HMAC-SHA1 over <paramref name="prefix"/> (header + attributes before MESSAGE-INTEGRITY) as if its
    /// length field ended right after the MESSAGE-INTEGRITY attribute. The input is not modified.
    /// </summary>
    public static void ComputeHmac(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key, Span<byte> mac)
    {
        ushort patched = (ushort)(prefix.Length - StunHeader.Size + 4 + HmacSize);
        byte[]? rented = null;
        Span<byte> copy = prefix.Length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(prefix.Length));
        copy = copy[..prefix.Length];
        prefix.CopyTo(copy);
        BinaryPrimitives.WriteUInt16BigEndian(copy[2..], patched);
        HMACSHA1.HashData(key, copy, mac);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>HMAC-SHA1 over a prefix whose length field is already right (the writer's case).</summary>
    public static void ComputeHmacInPlace(ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> key, Span<byte> mac) =>
        HMACSHA1.HashData(key, prefix, mac);

    /// <summary>CRC-32 of <paramref name="prefix"/> XOR 0x5354554E; the prefix's length field must already include FINGERPRINT.</summary>
    public static uint ComputeFingerprint(ReadOnlySpan<byte> prefix) => Crc32.HashToUInt32(prefix) ^ FingerprintXor;

    public static bool FixedTimeEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        CryptographicOperations.FixedTimeEquals(a, b);
}
