namespace VideoRelay.Core.Streams;

/// <summary>
/// What protocol readers (RTMP, SRT, the built-in source) ask to start publishing. The stream registry
/// implements it; tests implement it with a recorder.
/// </summary>
public interface IPublishAuthority
{
    /// <summary>Checks the key and claims the stream. On <see cref="PublishResult.Accepted"/> the session receives the stream.</summary>
    PublishResult TryStartPublish(PublishRequest request, out IPublishSession? session);
}
