using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// A bounded SDP parser for WebRTC offers and answers (RFC 8866 grammar, WebRTC attributes).
/// Throws <see cref="SdpParseException"/> with the line number on anything it refuses.
/// </summary>
/// <remarks>
/// Bounds: at most <see cref="MaxBytes"/> bytes, <see cref="MaxLines"/> lines, <see cref="MaxLineLength"/>
/// characters per line and <see cref="MaxMediaSections"/> media sections. Lines end in CRLF or LF.
/// Every line must be <c>&lt;letter&gt;=&lt;value&gt;</c>; the first must be <c>v=0</c>, and o= and s= must
/// appear before the first m=. The attributes WebRTC negotiation relies on are checked as they are
/// read (rtpmap, fmtp, rtcp-fb, extmap, fingerprint, setup, mid, ice-ufrag, ice-pwd, candidate, ssrc,
/// group, direction); unknown attributes and line types are kept or skipped, never fatal.
/// </remarks>
public static class SdpParser
{
    /// <summary>Largest SDP accepted, in UTF-8 bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <summary>Most lines accepted.</summary>
    public const int MaxLines = 2000;

    /// <summary>Longest line accepted.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>Most media sections accepted.</summary>
    public const int MaxMediaSections = 64;

    /// <summary>Parses UTF-8 bytes (e.g. a WHEP request body), checking the size before decoding.</summary>
    public static SessionDescription Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes)
        {
            throw new SdpParseException($"{utf8.Length} bytes exceeds the {MaxBytes}-byte limit");
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            throw new SdpParseException("not valid UTF-8");
        }
        return Parse(text);
    }

    /// <summary>Parses SDP text.</summary>
    public static SessionDescription Parse(string sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        if (sdp.Length > MaxBytes || Encoding.UTF8.GetByteCount(sdp) > MaxBytes)
        {
            throw new SdpParseException($"larger than the {MaxBytes}-byte limit");
        }
        var lines = new List<string>();
        int start = 0;
        while (start < sdp.Length)
        {
            int nl = sdp.IndexOf('\n', start);
            int end = nl < 0 ? sdp.Length : nl;
            int trimmed = end > start && sdp[end - 1] == '\r' ? end - 1 : end;
            lines.Add(sdp[start..trimmed]);
            if (lines.Count > MaxLines)
            {
                throw new SdpParseException($"more than {MaxLines} lines");
            }
            start = end + 1;
        }
        return new Reader(lines).Read();
    }

    private sealed class Reader(List<string> lines)
    {
        private SessionDescription? _session;
        private MediaDescription? _media;
        private string? _origin;
        private string? _sessionName;
        private string? _sessionConnection;
        private readonly List<SdpAttribute> _pendingSessionAttributes = [];
        private int _lineNumber;

        public SessionDescription Read()
        {
            bool sawVersion = false;
            var mids = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < lines.Count; i++)
            {
                _lineNumber = i + 1;
                string line = lines[i];
                if (line.Length == 0)
                {
                    continue; // tolerate blank lines (a trailing CRLF, or LF-only text split oddly)
                }
                if (line.Length > MaxLineLength)
                {
                    Fail($"line longer than {MaxLineLength} characters");
                }
                if (line.Length < 2 || line[1] != '=' || line[0] is < 'a' or > 'z')
                {
                    Fail("not of the form <letter>=<value>");
                }
                char type = line[0];
                string value = line[2..];
                if (!sawVersion)
                {
                    if (type != 'v' || value != "0")
                    {
                        Fail("the first line must be v=0");
                    }
                    sawVersion = true;
                    continue;
                }
                switch (type)
                {
                    case 'o':
                        if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
                        {
                            Fail("o= needs 6 fields");
                        }
                        _origin ??= value;
                        break;
                    case 's':
                        _sessionName ??= value;
                        break;
                    case 'c':
                        if (value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 3 || !value.StartsWith("IN ", StringComparison.Ordinal))
                        {
                            Fail("c= must be 'IN <IP4|IP6> <address>'");
                        }
                        if (_media is not null)
                        {
                            _media.Connection = value;
                        }
                        else
                        {
                            _sessionConnection = value;
                        }
                        break;
                    case 'm':
                        StartMedia(value);
                        break;
                    case 'a':
                        Attribute(value, mids);
                        break;
                    default:
                        break; // t=, b=, i=, u=, e=, p=, z=, k=, r=: not needed for WebRTC negotiation
                }
            }
            if (!sawVersion)
            {
                _lineNumber = 0;
                Fail("empty");
            }
            EnsureSession();
            return _session!;
        }

        private void EnsureSession()
        {
            if (_session is not null)
            {
                return;
            }
            if (_origin is null || _sessionName is null)
            {
                Fail("o= and s= must come before the first m=");
            }
            _session = new SessionDescription(_origin!, _sessionName!) { Connection = _sessionConnection };
            foreach (SdpAttribute a in _pendingSessionAttributes)
            {
                ApplySession(a);
            }
            _pendingSessionAttributes.Clear();
        }

        private void StartMedia(string value)
        {
            EnsureSession();
            if (_session!.MediaList.Count >= MaxMediaSections)
            {
                Fail($"more than {MaxMediaSections} media sections");
            }
            string[] p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (p.Length < 4)
            {
                Fail("m= needs '<media> <port> <proto> <fmt> ...'");
            }
            string portText = p[1];
            int slash = portText.IndexOf('/');
            if (slash >= 0)
            {
                portText = portText[..slash];
            }
            if (!SdpText.TryParsePort(portText, out int port))
            {
                Fail($"bad m= port '{p[1]}'");
            }
            string[] formats = p[3..];
            bool rtp = p[2].Contains("RTP", StringComparison.OrdinalIgnoreCase);
            foreach (string f in formats)
            {
                if (rtp && !SdpText.TryParsePayloadType(f, out _))
                {
                    Fail($"bad payload type '{f}' in m= line");
                }
            }
            _media = new MediaDescription(_session.MediaList.Count, p[0], port, p[2], formats);
            _session.MediaList.Add(_media);
        }

        private void Attribute(string value, HashSet<string> mids)
        {
            int colon = value.IndexOf(':');
            string name = colon < 0 ? value : value[..colon];
            string? attrValue = colon < 0 ? null : value[(colon + 1)..];
            if (name.Length == 0)
            {
                Fail("empty attribute name");
            }
            var attribute = new SdpAttribute(name, attrValue);
            if (_media is null)
            {
                if (_session is null)
                {
                    _pendingSessionAttributes.Add(attribute);
                }
                else
                {
                    ApplySession(attribute);
                }
                return;
            }
            ApplyMedia(attribute, _media, mids);
        }

        private void ApplySession(SdpAttribute a)
        {
            SessionDescription s = _session!;
            s.AttributeList.Add(a);
            switch (a.Name)
            {
                case "ice-ufrag": s.IceUfrag = Ufrag(a.Value); break;
                case "ice-pwd": s.IcePwd = Pwd(a.Value); break;
                case "ice-lite": s.IceLite = true; break;
                case "setup": s.Setup = Setup(a.Value); break;
                case "fingerprint": s.FingerprintList.Add(Fingerprint(a.Value)); break;
                case "sendrecv": s.Direction = MediaDirection.SendRecv; break;
                case "sendonly": s.Direction = MediaDirection.SendOnly; break;
                case "recvonly": s.Direction = MediaDirection.RecvOnly; break;
                case "inactive": s.Direction = MediaDirection.Inactive; break;
                case "group":
                    string[] g = Required(a).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (g.Length == 0)
                    {
                        Fail("empty a=group");
                    }
                    if (g[0] == "BUNDLE")
                    {
                        s.BundleGroupList.Add(g[1..]);
                    }
                    break;
            }
        }

        private void ApplyMedia(SdpAttribute a, MediaDescription m, HashSet<string> mids)
        {
            m.AttributeList.Add(a);
            switch (a.Name)
            {
                case "mid":
                    string mid = Required(a);
                    if (!SdpText.IsToken(mid) || mid.Length > 32)
                    {
                        Fail("a=mid must be a token of at most 32 characters");
                    }
                    if (m.Mid is not null || !mids.Add(mid))
                    {
                        Fail($"duplicate a=mid '{mid}'");
                    }
                    m.Mid = mid;
                    break;
                case "rtpmap":
                    m.RtpMapList.Add(RtpMap.TryParse(Required(a)) ?? Fail<RtpMap>("bad a=rtpmap"));
                    break;
                case "fmtp":
                    string fmtp = Required(a);
                    int space = fmtp.IndexOf(' ');
                    string ptText = space < 0 ? fmtp : fmtp[..space];
                    if (!SdpText.TryParsePayloadType(ptText, out int pt))
                    {
                        Fail("bad a=fmtp payload type");
                    }
                    m.FmtpMap.TryAdd(pt, space < 0 ? "" : fmtp[(space + 1)..].Trim());
                    break;
                case "rtcp-fb":
                    m.RtcpFeedbackList.Add(RtcpFeedbackLine.TryParse(Required(a)) ?? Fail<RtcpFeedbackLine>("bad a=rtcp-fb"));
                    break;
                case "extmap":
                    Extmap ext = Extmap.TryParse(Required(a)) ?? Fail<Extmap>("bad a=extmap");
                    if (m.ExtmapList.Exists(e => e.Id == ext.Id))
                    {
                        Fail($"duplicate a=extmap id {ext.Id}");
                    }
                    m.ExtmapList.Add(ext);
                    break;
                case "ssrc":
                    m.SsrcList.Add(SsrcAttribute.TryParse(Required(a)) ?? Fail<SsrcAttribute>("bad a=ssrc"));
                    break;
                case "candidate":
                    m.CandidateList.Add(IceCandidate.TryParse(Required(a)) ?? Fail<IceCandidate>("bad a=candidate"));
                    break;
                case "ice-ufrag": m.IceUfrag = Ufrag(a.Value); break;
                case "ice-pwd": m.IcePwd = Pwd(a.Value); break;
                case "setup": m.Setup = Setup(a.Value); break;
                case "fingerprint": m.FingerprintList.Add(Fingerprint(a.Value)); break;
                case "sendrecv": m.Direction = MediaDirection.SendRecv; break;
                case "sendonly": m.Direction = MediaDirection.SendOnly; break;
                case "recvonly": m.Direction = MediaDirection.RecvOnly; break;
                case "inactive": m.Direction = MediaDirection.Inactive; break;
                case "rtcp-mux": m.RtcpMux = true; break;
                case "rtcp-rsize": m.RtcpReducedSize = true; break;
                case "bundle-only": m.BundleOnly = true; break;
                case "end-of-candidates": m.EndOfCandidates = true; break;
                case "msid": m.Msid = Required(a); break;
            }
        }

        private string Required(SdpAttribute a) =>
            string.IsNullOrWhiteSpace(a.Value) ? Fail<string>($"a={a.Name} needs a value") : a.Value;

        private string Ufrag(string? v) =>
            v is { Length: >= 4 and <= 256 } && SdpText.IsToken(v) ? v : Fail<string>("a=ice-ufrag must be 4–256 ice-chars");

        private string Pwd(string? v) =>
            v is { Length: >= 22 and <= 256 } && SdpText.IsToken(v) ? v : Fail<string>("a=ice-pwd must be 22–256 ice-chars");

        private DtlsSetup Setup(string? v) => v switch
        {
            "actpass" => DtlsSetup.ActPass,
            "active" => DtlsSetup.Active,
            "passive" => DtlsSetup.Passive,
            "holdconn" => DtlsSetup.HoldConn,
            _ => Fail<DtlsSetup>($"bad a=setup '{v}'"),
        };

        private DtlsFingerprint Fingerprint(string? v) =>
            (v is null ? null : DtlsFingerprint.TryParse(v)) ?? Fail<DtlsFingerprint>("bad a=fingerprint");

        [DoesNotReturn]
        private void Fail(string message) => throw new SdpParseException(message, _lineNumber);

        [DoesNotReturn]
        private T Fail<T>(string message) => throw new SdpParseException(message, _lineNumber);
    }
}
