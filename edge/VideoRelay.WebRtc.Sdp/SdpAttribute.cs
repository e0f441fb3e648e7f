namespace VideoRelay.WebRtc.Sdp;

/// <summary>One "a=" line: <c>a=name</c> (flag, <see cref="Value"/> null) or <c>a=name:value</c>.</summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    /// <summary>The line as written in SDP, without CRLF.</summary>
    public override string ToString() => Value is null ? $"a={Name}" : $"a={Name}:{Value}";
}
