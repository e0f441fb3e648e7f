namespace VideoRelay.WebRtc.Sdp;

/// <summary>Splits an fmtp parameter string "a=1;b=2" into a case-insensitive map (RFC 8866 §6.15).</summary>
public static class FmtpParameters
{
    /// <summary>Parses <paramref name="parameters"/>; entries without '=' map to an empty string.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string? parameters)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(parameters))
        {
            return map;
        }
        foreach (string part in parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=');
            string key = eq < 0 ? part : part[..eq].Trim();
            string value = eq < 0 ? "" : part[(eq + 1)..].Trim();
            map.TryAdd(key, value);
        }
        return map;
    }
}
