namespace VideoRelay.Core.Streams;

public enum PublishResult
{
    Accepted,
    /// <summary>The key is wrong (or missing where one is configured).</summary>
    BadKey,
    /// <summary>Another publisher is live on this stream and take-over is off.</summary>
    AlreadyPublishing,
    /// <summary>Refused for another reason (unknown stream where streams are configured, shutting down, …).</summary>
    Refused,
}
