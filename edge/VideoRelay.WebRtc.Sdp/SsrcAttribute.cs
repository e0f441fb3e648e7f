namespace VideoRelay.WebRtc.Sdp;

/// <summary><c>a=ssrc:&lt;ssrc&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> (RFC 5576 §4.1).</summary>
public sealed record SsrcAttribute(uint Ssrc, string Attribute, string? Value)
{
    internal static SsrcAttribute? TryParse(string value)
    {
        int space = value.IndexOf(' ');
        if (space <= 0 || !uint.TryParse(value.AsSpan(0, space), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out uint ssrc))
        {
            return null;
        }
        string rest = value[(space + 1)..];
        int colon = rest.IndexOf(':');
        return colon < 0
            ? new SsrcAttribute(ssrc, rest, null)
            : new SsrcAttribute(ssrc, rest[..colon], rest[(colon + 1)..]);
    }
}
