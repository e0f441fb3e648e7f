namespace VideoRelay.Ingest.Srt;

/// <summary>
/// A parsed SRT stream id (SRTO_STREAMID, at most 512 bytes). Two forms are understood:
/// <list type="bullet">
/// <item>The SRT access-control form <c>#!::r=live/demo,m=publish,k=secret</c>: <c>r</c> resource (the stream
/// name), <c>m</c> mode (<c>request</c> when absent, as the SRT spec says), and the publish key in <c>k</c>
/// (our key) or, when <c>k</c> is absent, <c>s</c> (the spec's session id). <c>u</c>, <c>h</c>, <c>t</c> and
/// unknown keys are ignored.</item>
/// <item>The short form <c>publish:demo</c> or <c>publish:demo?key=secret</c>.</item>
/// </list>
/// Stream names are 1–128 characters of <c>A–Z a–z 0–9 _ - . /</c>.
/// </summary>
public readonly record struct SrtStreamId(string Resource, SrtStreamMode Mode, string? Key)
{
    public const int MaxLength = 512;
    public const int MaxNameLength = 128;

    private const string AccessControlPrefix = "#!::";
    private const string ShortPrefix = "publish:";

    public static bool TryParse(string? text, out SrtStreamId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return false;
        }
        if (text.StartsWith(AccessControlPrefix, StringComparison.Ordinal))
        {
            return TryParseAccessControl(text.AsSpan(AccessControlPrefix.Length), out id);
        }
        if (text.StartsWith(ShortPrefix, StringComparison.Ordinal))
        {
            return TryParseShort(text.AsSpan(ShortPrefix.Length), out id);
        }
        return false;
    }

    private static bool TryParseAccessControl(ReadOnlySpan<char> body, out SrtStreamId id)
    {
        id = default;
        string? resource = null, key = null, session = null;
        SrtStreamMode mode = SrtStreamMode.Request;
        foreach (Range range in body.Split(','))
        {
            ReadOnlySpan<char> pair = body[range];
            int eq = pair.IndexOf('=');
            if (eq <= 0)
            {
                return false;
            }
            ReadOnlySpan<char> name = pair[..eq], value = pair[(eq + 1)..];
            switch (name)
            {
                case "r":
                    resource = value.ToString();
                    break;
                case "k":
                    key = value.ToString();
                    break;
                case "s":
                    session = value.ToString();
                    break;
                case "m":
                    if (!TryParseMode(value, out mode))
                    {
                        return false;
                    }
                    break;
            }
        }
        if (resource is null || !IsValidName(resource))
        {
            return false;
        }
        id = new SrtStreamId(resource, mode, key ?? session);
        return true;
    }

    private static bool TryParseShort(ReadOnlySpan<char> body, out SrtStreamId id)
    {
        id = default;
        int query = body.IndexOf('?');
        ReadOnlySpan<char> name = query < 0 ? body : body[..query];
        string? key = null;
        if (query >= 0)
        {
            ReadOnlySpan<char> parameters = body[(query + 1)..];
            foreach (Range range in parameters.Split('&'))
            {
                ReadOnlySpan<char> pair = parameters[range];
                if (pair.StartsWith("key="))
                {
                    key = pair[4..].ToString();
                }
            }
        }
        string resource = name.ToString();
        if (!IsValidName(resource))
        {
            return false;
        }
        id = new SrtStreamId(resource, SrtStreamMode.Publish, key);
        return true;
    }

    private static bool TryParseMode(ReadOnlySpan<char> value, out SrtStreamMode mode)
    {
        switch (value)
        {
            case "publish":
                mode = SrtStreamMode.Publish;
                return true;
            case "request":
                mode = SrtStreamMode.Request;
                return true;
            case "bidirectional":
                mode = SrtStreamMode.Bidirectional;
                return true;
            default:
                mode = default;
                return false;
        }
    }

    private static bool IsValidName(string name)
    {
        if (name.Length is 0 or > MaxNameLength)
        {
            return false;
        }
        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/'))
            {
                return false;
            }
        }
        return true;
    }
}
