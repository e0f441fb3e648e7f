namespace VideoRelay.WebRtc.Ice;

/// <summary>Why <see cref="StunMessage.TryRead(ReadOnlySpan{byte}, out StunMessage, out int, out StunParseError)"/> refused its input.</summary>
public enum StunParseError : byte
{
    /// <summary>Parsed.</summary>
    None = 0,

    /// <summary>Fewer than 20 bytes, top bits set, or wrong magic cookie: not STUN at all.</summary>
    NotStun,

    /// <summary>The header's message length is not a multiple of 4.</summary>
    LengthNotMultipleOfFour,

    /// <summary>The header's message length runs past the end of the input.</summary>
    Truncated,

    /// <summary>An attribute header or value (with padding) runs past the end of the message.</summary>
    AttributeTruncated,

    /// <summary>A known attribute has a length its definition does not allow.</summary>
    AttributeBadLength,

    /// <summary>An attribute follows FINGERPRINT, which must be last.</summary>
    AttributeAfterFingerprint,

    /// <summary>More than <see cref="StunMessage.MaxAttributes"/> attributes.</summary>
    TooManyAttributes,

    /// <summary>An address attribute has an unknown family.</summary>
    BadAddressFamily,
}
