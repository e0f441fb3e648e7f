using Microsoft.Extensions.Logging;

namespace VideoRelay.Relay;

/// <summary>Every log line of the relay, with fixed event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Relay server listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string endPoint);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Relay server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 802, Level = LogLevel.Information, Message = "Relay connection {Id} from {Remote}: edge '{Node}' authenticated")]
    public static partial void EdgeAuthenticated(ILogger logger, long id, string remote, string node);

    [LoggerMessage(EventId = 803, Level = LogLevel.Warning, Message = "Relay connection {Id} from {Remote} refused: {Reason}")]
    public static partial void EdgeRefused(ILogger logger, long id, string remote, string reason);

    [LoggerMessage(EventId = 804, Level = LogLevel.Information, Message = "Relay connection {Id} ('{Node}') closed: {Reason}")]
    public static partial void EdgeClosed(ILogger logger, long id, string node, string reason);

    [LoggerMessage(EventId = 805, Level = LogLevel.Information, Message = "Relay connection {Id}: edge subscribed to '{Stream}' on channel {Channel}")]
    public static partial void Subscribed(ILogger logger, long id, string stream, uint channel);

    [LoggerMessage(EventId = 806, Level = LogLevel.Warning, Message = "Relay connection {Id}: {Count} frames dropped for a slow edge on '{Stream}'")]
    public static partial void SlowEdge(ILogger logger, long id, string stream, long count);

    [LoggerMessage(EventId = 807, Level = LogLevel.Warning, Message = "Relay server full ({Max} connections); refused {Remote}")]
    public static partial void ServerFull(ILogger logger, int max, string remote);

    [LoggerMessage(EventId = 808, Level = LogLevel.Error, Message = "Relay connection {Id} failed")]
    public static partial void SessionFailed(ILogger logger, long id, Exception exception);

    [LoggerMessage(EventId = 820, Level = LogLevel.Information, Message = "Relay client connected to origin {Origin} ('{Node}'), {Streams} stream(s) to resubscribe")]
    public static partial void ClientConnected(ILogger logger, string origin, string node, int streams);

    [LoggerMessage(EventId = 821, Level = LogLevel.Warning, Message = "Relay client: connection to origin {Origin} lost: {Reason}; retrying in {DelayMs} ms")]
    public static partial void ClientDisconnected(ILogger logger, string origin, string reason, int delayMs);

    [LoggerMessage(EventId = 822, Level = LogLevel.Error, Message = "Relay client: origin {Origin} refused or failed authentication: {Reason}")]
    public static partial void ClientAuthFailed(ILogger logger, string origin, string reason);

    [LoggerMessage(EventId = 823, Level = LogLevel.Information, Message = "Relay client: subscribed to '{Stream}' (channel {Channel})")]
    public static partial void ClientSubscribed(ILogger logger, string stream, uint channel);

    [LoggerMessage(EventId = 824, Level = LogLevel.Information, Message = "Relay client: unsubscribed from '{Stream}' ({Seconds} s without viewers)")]
    public static partial void ClientUnsubscribed(ILogger logger, string stream, double seconds);

    [LoggerMessage(EventId = 825, Level = LogLevel.Warning, Message = "Relay client: origin error on channel {Channel}: {Code} {Text}")]
    public static partial void ClientOriginError(ILogger logger, uint channel, string code, string text);

    [LoggerMessage(EventId = 826, Level = LogLevel.Error, Message = "Relay client: reader failed")]
    public static partial void ClientFailed(ILogger logger, Exception exception);
}
