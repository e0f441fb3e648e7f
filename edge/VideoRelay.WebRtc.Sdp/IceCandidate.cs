using System.Globalization;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// <c>a=candidate:&lt;foundation&gt; &lt;component&gt; &lt;transport&gt; &lt;priority&gt; &lt;address&gt; &lt;port&gt; typ &lt;type&gt; ...</c>
/// (RFC 8839 §5.1). Extension attributes after the type (raddr, generation, ...) are kept raw.
/// </summary>
public sealed record IceCandidate(
    string Foundation, int Component, string Transport, uint Priority, string Address, int Port, string Type, string? Extensions = null)
{
    /// <summary>Parses the value after "a=candidate:" (or "candidate:"); null when malformed.</summary>
    public static IceCandidate? TryParse(string value)
    {
        if (value.StartsWith("candidate:", StringComparison.Ordinal))
        {
            value = value["candidate:".Length..];
        }
        string[] p = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (p.Length < 8 || p[6] != "typ" || p[0].Length is 0 or > 32
            || !int.TryParse(p[1], NumberStyles.None, CultureInfo.InvariantCulture, out int component) || component is < 1 or > 256
            || !uint.TryParse(p[3], NumberStyles.None, CultureInfo.InvariantCulture, out uint priority)
            || !SdpText.TryParsePort(p[5], out int port))
        {
            return null;
        }
        string? extensions = p.Length > 8 ? string.Join(' ', p, 8, p.Length - 8) : null;
        return new IceCandidate(p[0], component, p[2], priority, p[4], port, p[7], extensions);
    }

    /// <summary>The value after "a=candidate:".</summary>
    public override string ToString() =>
        $"{Foundation} {SdpText.Invariant(Component)} {Transport} {SdpText.Invariant(Priority)} {Address} {SdpText.Invariant(Port)} typ {Type}{(Extensions is null ? "" : " " + Extensions)}";
}
