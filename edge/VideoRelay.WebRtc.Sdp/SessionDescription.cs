namespace VideoRelay.WebRtc.Sdp;

/// <summary>A parsed SDP (RFC 8866): session-level fields and the media sections in order.</summary>
public sealed class SessionDescription
{
    internal readonly List<SdpAttribute> AttributeList = [];
    internal readonly List<MediaDescription> MediaList = [];
    internal readonly List<IReadOnlyList<string>> BundleGroupList = [];
    internal readonly List<DtlsFingerprint> FingerprintList = [];

    internal SessionDescription(string origin, string sessionName)
    {
        Origin = origin;
        SessionName = sessionName;
    }

    /// <summary>The o= value.</summary>
    public string Origin { get; }

    /// <summary>The s= value.</summary>
    public string SessionName { get; }

    /// <summary>c= at session level, if any.</summary>
    public string? Connection { get; internal set; }

    /// <summary>a=ice-ufrag at session level.</summary>
    public string? IceUfrag { get; internal set; }

    /// <summary>a=ice-pwd at session level.</summary>
    public string? IcePwd { get; internal set; }

    /// <summary>a=setup at session level.</summary>
    public DtlsSetup Setup { get; internal set; }

    /// <summary>a=ice-lite present at session level.</summary>
    public bool IceLite { get; internal set; }

    /// <summary>Session-level direction, if one was given.</summary>
    public MediaDirection? Direction { get; internal set; }

    /// <summary>Every session-level a= line, in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes => AttributeList;

    /// <summary>Session-level a=fingerprint lines.</summary>
    public IReadOnlyList<DtlsFingerprint> Fingerprints => FingerprintList;

    /// <summary>The media sections in order.</summary>
    public IReadOnlyList<MediaDescription> Media => MediaList;

    /// <summary>Every a=group:BUNDLE, each a list of mids.</summary>
    public IReadOnlyList<IReadOnlyList<string>> BundleGroups => BundleGroupList;

    /// <summary>First session attribute value by name, or null.</summary>
    public string? GetAttribute(string name) => AttributeList.Find(a => a.Name == name).Value;

    /// <summary>True when a session attribute of that name is present.</summary>
    public bool HasAttribute(string name) => AttributeList.Exists(a => a.Name == name);

    /// <summary>The ICE ufrag for a section: its own, else the session's.</summary>
    public string? IceUfragFor(MediaDescription m) => m.IceUfrag ?? IceUfrag;

    /// <summary>The ICE password for a section: its own, else the session's.</summary>
    public string? IcePwdFor(MediaDescription m) => m.IcePwd ?? IcePwd;

    /// <summary>The setup role for a section: its own, else the session's.</summary>
    public DtlsSetup SetupFor(MediaDescription m) => m.Setup != DtlsSetup.None ? m.Setup : Setup;

    /// <summary>The fingerprints for a section: its own, else the session's.</summary>
    public IReadOnlyList<DtlsFingerprint> FingerprintsFor(MediaDescription m) => m.Fingerprints.Count > 0 ? m.Fingerprints : Fingerprints;
}
