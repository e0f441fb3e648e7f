using System.Net;
using Microsoft.Extensions.Logging;

namespace VideoRelay.Ingest.Rtmp;

/// <summary>Every log line of the RTMP server, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "RTMP server listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, EndPoint endPoint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "RTMP server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "RTMP connection {Id} from {Remote}")]
    public static partial void Accepted(ILogger logger, long id, EndPoint? remote);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "RTMP connection from {Remote} refused: {Max} connections already served")]
    public static partial void ServerFull(ILogger logger, EndPoint? remote, int max);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "RTMP connection {Id}: {Variant} handshake done")]
    public static partial void HandshakeDone(ILogger logger, long id, string variant);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "RTMP connection {Id}: connect app '{App}' tcUrl '{TcUrl}' flashVer '{FlashVer}'")]
    public static partial void Connect(ILogger logger, long id, string app, string tcUrl, string flashVer);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "RTMP connection {Id}: publishing '{Stream}' (stream {StreamId})")]
    public static partial void PublishStarted(ILogger logger, long id, string stream, int streamId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "RTMP connection {Id}: publish of '{Stream}' refused: {Result}")]
    public static partial void PublishRefused(ILogger logger, long id, string stream, Core.Streams.PublishResult result);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "RTMP connection {Id}: publish of '{Stream}' ended")]
    public static partial void PublishEnded(ILogger logger, long id, string stream);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "RTMP connection {Id} closed: {Reason}")]
    public static partial void ClosedNormally(ILogger logger, long id, RtmpCloseReason reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "RTMP connection {Id} from {Remote} closed: {Reason}: {Detail}")]
    public static partial void ClosedWithError(ILogger logger, long id, EndPoint? remote, RtmpCloseReason reason, string detail);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "RTMP connection {Id}: video {Config}")]
    public static partial void VideoConfig(ILogger logger, long id, Core.Media.CodecConfig config);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "RTMP connection {Id}: audio {Config}")]
    public static partial void AudioConfig(ILogger logger, long id, Core.Media.CodecConfig config);

    [LoggerMessage(EventId = 14, Level = LogLevel.Warning, Message = "RTMP connection {Id}: audio format {Format} is not AAC; audio ignored")]
    public static partial void AudioIgnored(ILogger logger, long id, int format);

    [LoggerMessage(EventId = 15, Level = LogLevel.Debug, Message = "RTMP connection {Id}: ignored {What}")]
    public static partial void Ignored(ILogger logger, long id, string what);

    [LoggerMessage(EventId = 16, Level = LogLevel.Error, Message = "RTMP accept loop failed")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 17, Level = LogLevel.Error, Message = "RTMP connection {Id}: unexpected failure")]
    public static partial void Unexpected(ILogger logger, long id, Exception exception);
}
