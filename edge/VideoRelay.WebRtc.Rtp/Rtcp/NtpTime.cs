namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>64-bit NTP timestamps (RFC 3550 §4: seconds since 1900 in 32.32 fixed point).</summary>
public static class NtpTime
{
    /// <summary>Seconds from the NTP epoch (1900) to the Unix epoch (1970).</summary>
    public const ulong UnixEpochOffsetSeconds = 2_208_988_800UL;

    public static ulong FromUnixNs(long unixNs)
    {
        ulong ns = (ulong)unixNs;
        ulong seconds = ns / 1_000_000_000UL + UnixEpochOffsetSeconds;
        ulong fraction = ((ns % 1_000_000_000UL) << 32) / 1_000_000_000UL;
        return (seconds << 32) | fraction;
    }

    public static long ToUnixNs(ulong ntp)
    {
        ulong seconds = (ntp >> 32) - UnixEpochOffsetSeconds;
        ulong ns = ((ntp & 0xFFFF_FFFFUL) * 1_000_000_000UL) >> 32;
        return (long)(seconds * 1_000_000_000UL + ns);
    }

    /// <summary>The middle 32 bits, as carried in LSR (RFC 3550 §6.4.1).</summary>
    public static uint ToCompact(ulong ntp) => (uint)(ntp >> 16);
}
