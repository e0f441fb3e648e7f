namespace VideoRelay.WebRtc.Ice;

/// <summary>
/// Where the attributes a STUN/ICE agent cares about sit inside one message: filled once while
/// <see cref="StunMessage"/> walks the attributes, so later lookups do not walk again.
/// Offsets are from the start of the message; -1 means absent. First occurrence wins (RFC 8489 §14).
/// </summary>
internal struct StunAttributeIndex
{
    public const int MaxUnknownRecorded = 4;

    public int UsernameOffset;
    public int UsernameLength;
    public int IntegrityOffset;        // offset of the MESSAGE-INTEGRITY attribute header
    public int FingerprintOffset;      // offset of the FINGERPRINT attribute header
    public int XorMappedOffset;
    public int XorMappedLength;
    public int ErrorCodeOffset;
    public int ErrorCodeLength;
    public int SoftwareOffset;
    public int SoftwareLength;
    public uint Priority;
    public bool HasPriority;
    public bool UseCandidate;
    public bool HasIceControlling;
    public bool HasIceControlled;
    public ulong IceControlling;
    public ulong IceControlled;
    public int AttributeCount;
    public int UnknownRequiredCount;
    public ushort Unknown0;
    public ushort Unknown1;
    public ushort Unknown2;
    public ushort Unknown3;

    public static StunAttributeIndex Empty => new()
    {
        UsernameOffset = -1,
        IntegrityOffset = -1,
        FingerprintOffset = -1,
        XorMappedOffset = -1,
        ErrorCodeOffset = -1,
        SoftwareOffset = -1,
    };

    public void AddUnknownRequired(ushort type)
    {
        switch (UnknownRequiredCount)
        {
            case 0: Unknown0 = type; break;
            case 1: Unknown1 = type; break;
            case 2: Unknown2 = type; break;
            case 3: Unknown3 = type; break;
        }
        UnknownRequiredCount++;
    }

    public readonly ushort GetUnknown(int i) => i switch
    {
        0 => Unknown0,
        1 => Unknown1,
        2 => Unknown2,
        3 => Unknown3,
        _ => throw new ArgumentOutOfRangeException(nameof(i)),
    };
}
