using System.Text;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>Appends SDP lines with CRLF endings.</summary>
internal sealed class SdpWriter
{
    private readonly StringBuilder _sb = new(2048);

    public SdpWriter Line(string line)
    {
        _sb.Append(line).Append("\r\n");
        return this;
    }

    public override string ToString() => _sb.ToString();
}
