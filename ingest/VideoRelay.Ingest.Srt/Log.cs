using System.Net;
using Microsoft.Extensions.Logging;

namespace VideoRelay.Ingest.Srt;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "SRT listening on {EndPoint}, latency {LatencyMs} ms")]
    public static partial void Listening(ILogger logger, IPEndPoint endPoint, int latencyMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "SRT publisher {Remote} rejected ({Reason}: {Why}), stream id '{StreamId}'")]
    public static partial void Rejected(ILogger logger, IPEndPoint? remote, int reason, string why, string streamId);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "SRT publisher {Remote} connected to stream '{Stream}'")]
    public static partial void Connected(ILogger logger, IPEndPoint? remote, string stream);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "SRT publisher {Remote} left stream '{Stream}' ({Why}): {Bytes} bytes, {Messages} messages, {Lost} lost, {Retransmitted} retransmitted")]
    public static partial void Disconnected(ILogger logger, IPEndPoint? remote, string stream, string why, long bytes, long messages, long lost, long retransmitted);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "SRT publisher {Remote} for stream '{Stream}' failed the handshake after admission (state {State}; wrong or missing passphrase?)")]
    public static partial void HandshakeFailed(ILogger logger, IPEndPoint? remote, string stream, int state);

    [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "SRT connection for stream '{Stream}' failed")]
    public static partial void ConnectionFailed(ILogger logger, string stream, Exception exception);

    [LoggerMessage(EventId = 7, Level = LogLevel.Error, Message = "SRT listen callback failed")]
    public static partial void CallbackFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "SRT: could not set {Option} on socket for stream '{Stream}': {Error}")]
    public static partial void OptionFailed(ILogger logger, string option, string stream, string error);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "SRT stream '{Stream}' carries B-frames (reordered video): it must be transcoded before WebRTC")]
    public static partial void BFrames(ILogger logger, string stream);
}
