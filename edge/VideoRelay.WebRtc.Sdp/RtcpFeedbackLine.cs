namespace VideoRelay.WebRtc.Sdp;

/// <summary><c>a=rtcp-fb:&lt;pt|*&gt; &lt;type&gt; [&lt;parameter&gt;]</c> (RFC 4585 §4.2). <see cref="PayloadType"/> is -1 for "*".</summary>
public sealed record RtcpFeedbackLine(int PayloadType, string Type, string? Parameter)
{
    internal static RtcpFeedbackLine? TryParse(string value)
    {
        string[] parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 2 or > 3)
        {
            return null;
        }
        int pt = -1;
        if (parts[0] != "*" && !SdpText.TryParsePayloadType(parts[0], out pt))
        {
            return null;
        }
        return new RtcpFeedbackLine(pt, parts[1], parts.Length == 3 ? parts[2] : null);
    }

    /// <summary>The value after "a=rtcp-fb:".</summary>
    public override string ToString() =>
        $"{(PayloadType < 0 ? "*" : PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Type}{(Parameter is null ? "" : " " + Parameter)}";
}
