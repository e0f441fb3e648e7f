namespace VideoRelay.Ingest.Srt;

/// <summary>
/// Reject codes the listener sends (srt/access_control.h: SRT_REJX_*, HTTP codes + 1000), and the
/// libsrt-internal ones (SRT_REJECT_REASON) a failed handshake may report.
/// </summary>
public static class SrtRejectReason
{
    /// <summary>libsrt: wrong passphrase (SRT_REJ_BADSECRET).</summary>
    public const int BadSecret = 10;

    /// <summary>libsrt: passphrase required or unexpected (SRT_REJ_UNSECURE).</summary>
    public const int Unsecure = 11;

    /// <summary>Malformed stream id.</summary>
    public const int BadRequest = 1400;

    /// <summary>Wrong or missing publish key.</summary>
    public const int Unauthorized = 1401;

    /// <summary>Refused for another reason.</summary>
    public const int Forbidden = 1403;

    /// <summary>The stream is not known (where streams are configured).</summary>
    public const int NotFound = 1404;

    /// <summary><c>m=request</c> / <c>m=bidirectional</c>: SRT playback is not served.</summary>
    public const int BadMode = 1405;

    /// <summary>Another publisher holds the stream.</summary>
    public const int Conflict = 1409;

    /// <summary>An internal error while admitting.</summary>
    public const int InternalError = 1500;

    /// <summary>The listener is shutting down.</summary>
    public const int Down = 1503;
}
