namespace VideoRelay.WebRtc.Ice;

/// <summary>Candidate priority (RFC 8445 §5.1.2.1).</summary>
public static class IcePriority
{
    /// <summary>Recommended type preference for host candidates.</summary>
    public const int HostTypePreference = 126;

    /// <summary>Recommended type preference for peer-reflexive candidates.</summary>
    public const int PeerReflexiveTypePreference = 110;

    /// <summary>priority = 2^24·type + 2^8·local + (256 − component).</summary>
    public static uint Compute(int typePreference, int localPreference, int componentId)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)typePreference, 126u, nameof(typePreference));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)localPreference, 65535u, nameof(localPreference));
        ArgumentOutOfRangeException.ThrowIfLessThan(componentId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(componentId, 256);
        return ((uint)typePreference << 24) + ((uint)localPreference << 8) + (uint)(256 - componentId);
    }
}
