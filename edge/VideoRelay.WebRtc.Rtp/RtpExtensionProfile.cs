namespace VideoRelay.WebRtc.Rtp;

/// <summary>The "defined by profile" values of RFC 8285 header extension blocks.</summary>
public static class RtpExtensionProfile
{
    /// <summary>One-byte header form (RFC 8285 §4.2): ids 1–14, 1–16 data bytes.</summary>
    public const ushort OneByte = 0xBEDE;

    /// <summary>Two-byte header form (RFC 8285 §4.3): 0x100 in the top 12 bits, 4 "appbits" below.</summary>
    public const ushort TwoByte = 0x1000;

    /// <summary>Mask selecting the two-byte form's fixed part (the low 4 bits are appbits).</summary>
    public const ushort TwoByteMask = 0xFFF0;

    /// <summary>Largest id the one-byte form can carry (15 is reserved and stops parsing).</summary>
    public const int OneByteMaxId = 14;

    /// <summary>Largest element data the one-byte form can carry.</summary>
    public const int OneByteMaxLength = 16;
}
