namespace VideoRelay.WebRtc.Ice;

/// <summary>STUN attribute types this stack reads or writes (RFC 8489 §18.3, RFC 8445 §16.1).</summary>
/// <remarks>Types 0x0000–0x7FFF are comprehension-required; 0x8000–0xFFFF comprehension-optional.</remarks>
public static class StunAttributeType
{
    /// <summary>MAPPED-ADDRESS (0x0001).</summary>
    public const ushort MappedAddress = 0x0001;

    /// <summary>USERNAME (0x0006).</summary>
    public const ushort Username = 0x0006;

    /// <summary>MESSAGE-INTEGRITY (0x0008): HMAC-SHA1, 20 bytes.</summary>
    public const ushort MessageIntegrity = 0x0008;

    /// <summary>ERROR-CODE (0x0009).</summary>
    public const ushort ErrorCode = 0x0009;

    /// <summary>UNKNOWN-ATTRIBUTES (0x000A).</summary>
    public const ushort UnknownAttributes = 0x000A;

    /// <summary>REALM (0x0014).</summary>
    public const ushort Realm = 0x0014;

    /// <summary>NONCE (0x0015).</summary>
    public const ushort Nonce = 0x0015;

    /// <summary>MESSAGE-INTEGRITY-SHA256 (0x001C).</summary>
    public const ushort MessageIntegritySha256 = 0x001C;

    /// <summary>USERHASH (0x001E).</summary>
    public const ushort UserHash = 0x001E;

    /// <summary>XOR-MAPPED-ADDRESS (0x0020).</summary>
    public const ushort XorMappedAddress = 0x0020;

    /// <summary>PRIORITY (0x0024), RFC 8445.</summary>
    public const ushort Priority = 0x0024;

    /// <summary>USE-CANDIDATE (0x0025), RFC 8445; empty value.</summary>
    public const ushort UseCandidate = 0x0025;

    /// <summary>SOFTWARE (0x8022).</summary>
    public const ushort Software = 0x8022;

    /// <summary>ALTERNATE-SERVER (0x8023).</summary>
    public const ushort AlternateServer = 0x8023;

    /// <summary>FINGERPRINT (0x8028): CRC-32 XOR 0x5354554E.</summary>
    public const ushort Fingerprint = 0x8028;

    /// <summary>ICE-CONTROLLED (0x8029), RFC 8445; 64-bit tie-breaker.</summary>
    public const ushort IceControlled = 0x8029;

    /// <summary>ICE-CONTROLLING (0x802A), RFC 8445; 64-bit tie-breaker.</summary>
    public const ushort IceControlling = 0x802A;

    /// <summary>True for types 0x0000–0x7FFF, which a receiver must understand.</summary>
    public static bool IsComprehensionRequired(ushort type) => type < 0x8000;
}
