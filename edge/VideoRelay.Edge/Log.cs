using Microsoft.Extensions.Logging;

namespace VideoRelay.Edge;

internal static partial class Log
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Handling a datagram failed (the datagram is dropped)")]
    public static partial void DatagramHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "WebRTC (ICE-lite, DTLS-SRTP) for every viewer on UDP {Endpoint}, announced as {Announced}")]
    public static partial void UdpListening(ILogger logger, string endpoint, string announced);

    [LoggerMessage(EventId = 207, Level = LogLevel.Information, Message = "Edge UDP socket kernel timestamps: receive {Rx}, transmit {Tx} {Note}")]
    public static partial void UdpTimestamping(ILogger logger, string rx, string tx, string note);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "Viewer {Session} of '{Stream}' ({Rendition}) connected from {Remote} in {Ms} ms ({Profile})")]
    public static partial void ViewerConnected(ILogger logger, string session, string stream, string rendition, string remote, double ms, string profile);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Viewer {Session} of '{Stream}' left: {Reason}")]
    public static partial void ViewerClosed(ILogger logger, string session, string stream, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "Viewer {Session}: DTLS handshake failed: {Reason}")]
    public static partial void DtlsFailed(ILogger logger, string session, string reason);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Fan-out of '{Stream}' failed")]
    public static partial void FanoutFailed(ILogger logger, string stream, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "WHEP offer for '{Stream}' refused: {Reason}")]
    public static partial void OfferRefused(ILogger logger, string stream, string reason);
}
