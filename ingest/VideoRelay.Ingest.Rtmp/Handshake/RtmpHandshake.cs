using System.Buffers.Binary;
using System.Security.Cryptography;

namespace VideoRelay.Ingest.Rtmp.Handshake;

/// <summary>
/// The server side of the RTMP handshake: the plain one of the specification (section 5.2) and the
/// digest ("complex", Flash Media Server) variant that ffmpeg, OBS and Flash clients send.
/// </summary>
/// <remarks>
/// <code>
///  C0/S0: version (1) = 3            C1/S1/C2/S2: 1536 bytes each
///  +---------------+---------------+-------------------------------------------+
///  | time (4)      | version/zero (4) | random (1528)                          |
///  +---------------+---------------+-------------------------------------------+
/// Digest variant: bytes 4..7 are a non-zero version, and a 32-byte HMAC-SHA256 digest sits inside the
/// random part at an offset given by one of two schemes (base 8 or base 772):
///   offset = (sum of the 4 bytes at base) mod 728 + base + 4
///   digest = HMAC-SHA256(key, packet without those 32 bytes)
/// key: "Genuine Adobe Flash Player 001" (C1) / "Genuine Adobe Flash Media Server 001" (S1).
/// S2 (digest variant): 1504 random bytes + HMAC-SHA256(HMAC-SHA256(full server key, C1 digest), S2[0..1504]).
/// S2 (plain): an echo of C1.
/// </code>
/// </remarks>
internal static class RtmpHandshake
{
    public const byte Version = 3;
    public const int PacketSize = 1536;
    public const int DigestLength = 32;
    public const int ResponseSize = 1 + 2 * PacketSize;

    /// <summary>Offset bases of the two digest schemes, in the order clients use them most.</summary>
    public static ReadOnlySpan<int> SchemeBases => [8, 772];

    /// <summary>"Genuine Adobe Flash Player 001" followed by the shared 32-byte constant.</summary>
    public static ReadOnlySpan<byte> ClientKey => s_clientKey;

    /// <summary>"Genuine Adobe Flash Media Server 001" followed by the shared 32-byte constant.</summary>
    public static ReadOnlySpan<byte> ServerKey => s_serverKey;

    private static readonly byte[] s_clientKey =
    [
        .. "Genuine Adobe Flash Player 001"u8,
        0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0, 0xD1, 0x02, 0x9E, 0x7E, 0x57,
        0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80, 0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE,
    ];

    private static readonly byte[] s_serverKey =
    [
        .. "Genuine Adobe Flash Media Server 001"u8,
        0xF0, 0xEE, 0xC2, 0x4A, 0x80, 0x68, 0xBE, 0xE8, 0x2E, 0x00, 0xD0, 0xD1, 0x02, 0x9E, 0x7E, 0x57,
        0x6E, 0xEC, 0x5D, 0x2D, 0x29, 0x80, 0x6F, 0xAB, 0x93, 0xB8, 0xE6, 0x36, 0xCF, 0xEB, 0x31, 0xAE,
    ];

    public const int ClientKeyOpenLength = 30;
    public const int ServerKeyOpenLength = 36;

    /// <summary>
    /// Writes S0 S1 S2 for the given C1. When C1 carries a valid client digest, S1 and S2 carry server
    /// digests (the digest variant); otherwise S1 is plain and S2 echoes C1.
    /// </summary>
    /// <returns>True when the digest variant was answered.</returns>
    public static bool WriteResponse(ReadOnlySpan<byte> c1, Span<byte> response, uint serverTime, bool allowDigest = true)
    {
        if (c1.Length != PacketSize || response.Length < ResponseSize)
        {
            throw new ArgumentException("C1 must be 1536 bytes and the response 3073 bytes");
        }
        response[0] = Version;
        Span<byte> s1 = response.Slice(1, PacketSize);
        Span<byte> s2 = response.Slice(1 + PacketSize, PacketSize);
        Random.Shared.NextBytes(s1);
        BinaryPrimitives.WriteUInt32BigEndian(s1, serverTime);

        int clientDigestOffset = -1;
        int schemeBase = 0;
        if (allowDigest && BinaryPrimitives.ReadUInt32BigEndian(c1[4..]) != 0)
        {
            foreach (int candidate in SchemeBases)
            {
                int offset = DigestOffset(c1, candidate);
                if (VerifyDigest(c1, offset, ClientKey[..ClientKeyOpenLength]))
                {
                    clientDigestOffset = offset;
                    schemeBase = candidate;
                    break;
                }
            }
        }

        if (clientDigestOffset < 0)
        {
            s1[4..8].Clear();
            c1.CopyTo(s2);
            return false;
        }

        // S1: server version and a server digest placed by the client's scheme.
        s1[4] = 5;
        s1[5] = 0;
        s1[6] = 3;
        s1[7] = 1;
        int s1Offset = DigestOffset(s1, schemeBase);
        ComputeDigest(s1, s1Offset, ServerKey[..ServerKeyOpenLength], s1.Slice(s1Offset, DigestLength));

        // S2: keyed by the client's digest so the client can check that we read its C1.
        Random.Shared.NextBytes(s2);
        Span<byte> s2Key = stackalloc byte[DigestLength];
        HMACSHA256.HashData(ServerKey, c1.Slice(clientDigestOffset, DigestLength), s2Key);
        HMACSHA256.HashData(s2Key, s2[..(PacketSize - DigestLength)], s2[(PacketSize - DigestLength)..]);
        return true;
    }

    /// <summary>The digest position for a scheme whose offset field starts at <paramref name="schemeBase"/>.</summary>
    public static int DigestOffset(ReadOnlySpan<byte> packet, int schemeBase)
    {
        int sum = packet[schemeBase] + packet[schemeBase + 1] + packet[schemeBase + 2] + packet[schemeBase + 3];
        return sum % 728 + schemeBase + 4;
    }

    /// <summary>HMAC-SHA256 of the packet with the 32 bytes at <paramref name="digestOffset"/> left out.</summary>
    public static void ComputeDigest(ReadOnlySpan<byte> packet, int digestOffset, ReadOnlySpan<byte> key, Span<byte> digest)
    {
        Span<byte> message = stackalloc byte[PacketSize - DigestLength];
        packet[..digestOffset].CopyTo(message);
        packet[(digestOffset + DigestLength)..].CopyTo(message[digestOffset..]);
        HMACSHA256.HashData(key, message, digest);
    }

    /// <summary>True when the 32 bytes at <paramref name="digestOffset"/> are the packet's digest under <paramref name="key"/>.</summary>
    public static bool VerifyDigest(ReadOnlySpan<byte> packet, int digestOffset, ReadOnlySpan<byte> key)
    {
        Span<byte> expected = stackalloc byte[DigestLength];
        ComputeDigest(packet, digestOffset, key, expected);
        return CryptographicOperations.FixedTimeEquals(expected, packet.Slice(digestOffset, DigestLength));
    }
}
