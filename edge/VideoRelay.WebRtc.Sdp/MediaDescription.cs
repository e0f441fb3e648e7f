namespace VideoRelay.WebRtc.Sdp;

/// <summary>One media section ("m=" line and what follows it) of a parsed description.</summary>
public sealed class MediaDescription
{
    internal readonly List<SdpAttribute> AttributeList = [];
    internal readonly List<RtpMap> RtpMapList = [];
    internal readonly Dictionary<int, string> FmtpMap = [];
    internal readonly List<RtcpFeedbackLine> RtcpFeedbackList = [];
    internal readonly List<Extmap> ExtmapList = [];
    internal readonly List<SsrcAttribute> SsrcList = [];
    internal readonly List<IceCandidate> CandidateList = [];
    internal readonly List<DtlsFingerprint> FingerprintList = [];

    internal MediaDescription(int index, string kind, int port, string protocol, IReadOnlyList<string> formats)
    {
        Index = index;
        Kind = kind;
        Port = port;
        Protocol = protocol;
        Formats = formats;
    }

    /// <summary>0-based position among the media sections.</summary>
    public int Index { get; }

    /// <summary>"video", "audio", "application", ...</summary>
    public string Kind { get; }

    /// <summary>The m= port (0 = rejected or bundle-only).</summary>
    public int Port { get; }

    /// <summary>The transport protocol, e.g. "UDP/TLS/RTP/SAVPF".</summary>
    public string Protocol { get; }

    /// <summary>The format list (payload types for RTP).</summary>
    public IReadOnlyList<string> Formats { get; }

    /// <summary>True when <see cref="Protocol"/> carries RTP.</summary>
    public bool IsRtp => Protocol.Contains("RTP", StringComparison.OrdinalIgnoreCase);

    /// <summary>The c= value, if any.</summary>
    public string? Connection { get; internal set; }

    /// <summary>a=mid.</summary>
    public string? Mid { get; internal set; }

    /// <summary>The direction attribute (sendrecv when none was given).</summary>
    public MediaDirection Direction { get; internal set; } = MediaDirection.SendRecv;

    /// <summary>a=ice-ufrag at media level.</summary>
    public string? IceUfrag { get; internal set; }

    /// <summary>a=ice-pwd at media level.</summary>
    public string? IcePwd { get; internal set; }

    /// <summary>a=setup at media level.</summary>
    public DtlsSetup Setup { get; internal set; }

    /// <summary>a=rtcp-mux present.</summary>
    public bool RtcpMux { get; internal set; }

    /// <summary>a=rtcp-rsize present.</summary>
    public bool RtcpReducedSize { get; internal set; }

    /// <summary>a=bundle-only present.</summary>
    public bool BundleOnly { get; internal set; }

    /// <summary>a=end-of-candidates present.</summary>
    public bool EndOfCandidates { get; internal set; }

    /// <summary>a=msid value, if any.</summary>
    public string? Msid { get; internal set; }

    /// <summary>Every a= line of the section, in order.</summary>
    public IReadOnlyList<SdpAttribute> Attributes => AttributeList;

    /// <summary>a=rtpmap lines.</summary>
    public IReadOnlyList<RtpMap> RtpMaps => RtpMapList;

    /// <summary>a=rtcp-fb lines.</summary>
    public IReadOnlyList<RtcpFeedbackLine> RtcpFeedback => RtcpFeedbackList;

    /// <summary>a=extmap lines.</summary>
    public IReadOnlyList<Extmap> Extmaps => ExtmapList;

    /// <summary>a=ssrc lines.</summary>
    public IReadOnlyList<SsrcAttribute> Ssrcs => SsrcList;

    /// <summary>a=candidate lines.</summary>
    public IReadOnlyList<IceCandidate> Candidates => CandidateList;

    /// <summary>a=fingerprint lines at media level.</summary>
    public IReadOnlyList<DtlsFingerprint> Fingerprints => FingerprintList;

    /// <summary>The fmtp parameter string of a payload type, or null.</summary>
    public string? GetFmtp(int payloadType) => FmtpMap.TryGetValue(payloadType, out string? v) ? v : null;

    /// <summary>The rtpmap of a payload type, or null.</summary>
    public RtpMap? GetRtpMap(int payloadType) => RtpMapList.Find(r => r.PayloadType == payloadType);

    /// <summary>rtcp-fb lines for a payload type, including wildcard ("*") ones.</summary>
    public IEnumerable<RtcpFeedbackLine> GetRtcpFeedback(int payloadType) =>
        RtcpFeedbackList.Where(f => f.PayloadType == payloadType || f.PayloadType < 0);

    /// <summary>The payload types of the m= line, in preference order (RTP sections only).</summary>
    public IEnumerable<int> PayloadTypes
    {
        get
        {
            foreach (string f in Formats)
            {
                if (SdpText.TryParsePayloadType(f, out int pt))
                {
                    yield return pt;
                }
            }
        }
    }

    /// <summary>First attribute value by name, or null.</summary>
    public string? GetAttribute(string name) => AttributeList.Find(a => a.Name == name).Value;

    /// <summary>True when an attribute of that name is present.</summary>
    public bool HasAttribute(string name) => AttributeList.Exists(a => a.Name == name);
}
