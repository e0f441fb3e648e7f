using VideoRelay.Core.Media;

namespace VideoRelay.Core.Streams;

/// <summary>
/// One publisher's live feed into a stream. Called from the protocol reader's own thread only (one
/// writer). <see cref="IDisposable.Dispose"/> ends the publish (the stream then lingers for its grace period).
/// </summary>
public interface IPublishSession : IDisposable
{
    /// <summary>Registry id stamped into every frame's <see cref="MediaFrame.StreamId"/>.</summary>
    int StreamId { get; }

    /// <summary>New codec configuration (video SPS/PPS or audio AudioSpecificConfig); frames after it reference it.</summary>
    void OnConfig(CodecConfig config);

    /// <summary>
    /// One access unit. Ownership of one lease reference passes to the session, which releases it
    /// (immediately or after fan-out) — the caller must not release it.
    /// </summary>
    void OnFrame(in MediaFrame frame);

    /// <summary>Stream metadata from the encoder (onMetaData), for display only.</summary>
    void OnMetadata(IReadOnlyDictionary<string, object?> metadata);
}
