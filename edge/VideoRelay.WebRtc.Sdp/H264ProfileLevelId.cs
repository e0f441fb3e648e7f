using System.Globalization;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// The H.264 <c>profile-level-id</c> fmtp value (RFC 6184 §8.1): profile_idc, profile-iop (constraint
/// flags) and level_idc, as three hex octets.
/// </summary>
public readonly record struct H264ProfileLevelId(byte ProfileIdc, byte ProfileIop, byte LevelIdc)
{
    /// <summary>The default when the parameter is absent: 42000A (Baseline, level 1.0), RFC 6184 §8.1.</summary>
    public static readonly H264ProfileLevelId Default = new(0x42, 0x00, 0x0A);

    /// <summary>Constrained Baseline: profile_idc 66 with constraint_set1 (iop bit 0x40) set, e.g. 42e01f / 42c01f.</summary>
    public bool IsConstrainedBaseline => ProfileIdc == 0x42 && (ProfileIop & 0x40) != 0;

    /// <summary>Baseline without constraint_set1 (42001f): WebRTC stacks decode it as constrained baseline.</summary>
    public bool IsBaseline => ProfileIdc == 0x42 && (ProfileIop & 0x40) == 0;

    /// <summary>Main profile (profile_idc 77), or baseline/extended flagged as main-compatible (4d...).</summary>
    public bool IsMain => ProfileIdc == 0x4D;

    /// <summary>Parses six hex digits; false otherwise.</summary>
    public static bool TryParse(string? value, out H264ProfileLevelId id)
    {
        id = default;
        if (value is null || value.Length != 6
            || !uint.TryParse(value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v))
        {
            return false;
        }
        id = new H264ProfileLevelId((byte)(v >> 16), (byte)(v >> 8), (byte)v);
        return true;
    }

    /// <summary>Six lower-case hex digits.</summary>
    public override string ToString() => $"{ProfileIdc:x2}{ProfileIop:x2}{LevelIdc:x2}";
}
