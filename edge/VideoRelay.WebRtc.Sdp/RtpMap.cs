namespace VideoRelay.WebRtc.Sdp;

/// <summary><c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c>.</summary>
public sealed record RtpMap(int PayloadType, string EncodingName, int ClockRate, int Channels)
{
    internal static RtpMap? TryParse(string value)
    {
        int space = value.IndexOf(' ');
        if (space <= 0 || !SdpText.TryParsePayloadType(value.AsSpan(0, space), out int pt))
        {
            return null;
        }
        string[] parts = value[(space + 1)..].Trim().Split('/');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], out int clock) || clock <= 0)
        {
            return null;
        }
        int channels = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], out channels) || channels is < 1 or > 255))
        {
            return null;
        }
        return new RtpMap(pt, parts[0], clock, channels);
    }
}
