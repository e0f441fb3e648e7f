using Microsoft.Extensions.Logging;

namespace VideoRelay.Ingest;

internal static partial class Log
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Warning,
        Message = "No stream keys are configured: publishing is OPEN to anyone who can reach the ingest ports. Configure Ingest:Streams:<name>:Key to require keys.")]
    public static partial void OpenPublishing(ILogger logger);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Publish of '{Stream}' over {Protocol} from {Remote} refused: {Reason}")]
    public static partial void PublishRefused(ILogger logger, string stream, string protocol, string? remote, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Publish of '{Stream}' over {Protocol} from {Remote} started")]
    public static partial void PublishStarted(ILogger logger, string stream, string protocol, string? remote);

    [LoggerMessage(EventId = 103, Level = LogLevel.Information, Message = "Publisher of '{Stream}' ({Protocol}) left; the stream lingers {Seconds} s for a reconnect")]
    public static partial void PublishEnded(ILogger logger, string stream, string protocol, double seconds);

    [LoggerMessage(EventId = 104, Level = LogLevel.Information, Message = "Stream '{Stream}' removed after its linger period")]
    public static partial void StreamRemoved(ILogger logger, string stream);
}
