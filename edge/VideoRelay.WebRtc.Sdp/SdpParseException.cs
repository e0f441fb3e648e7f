namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// An SDP text was refused: too big, too many lines, or a malformed line. The message names the
/// 1-based line number and what was wrong, ready to return to a WHEP client in a 400 body.
/// </summary>
/// <remarks>
/// Error style chosen for this project: <see cref="SdpParser.Parse"/> throws this exception (SDP is parsed
/// once per session on the control plane, never per packet), so callers catch one specific type at the
/// edge of the WHEP request.
/// </remarks>
public sealed class SdpParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SdpParseException(string message, int lineNumber = 0)
        : base(lineNumber > 0 ? $"SDP line {lineNumber}: {message}" : $"SDP: {message}")
    {
        LineNumber = lineNumber;
    }

    /// <summary>1-based line of the problem, or 0 when it concerns the whole text.</summary>
    public int LineNumber { get; }
}
