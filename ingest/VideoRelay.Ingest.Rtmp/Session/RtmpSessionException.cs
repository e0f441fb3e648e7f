using System.Diagnostics.CodeAnalysis;

namespace VideoRelay.Ingest.Rtmp.Session;

/// <summary>Ends one connection (never the server) with a counted reason and a message for the log.</summary>
internal sealed class RtmpSessionException(RtmpCloseReason reason, string message) : Exception(message)
{
    public RtmpCloseReason Reason { get; } = reason;

    [DoesNotReturn]
    public static void Throw(RtmpCloseReason reason, string message) => throw new RtmpSessionException(reason, message);
}
