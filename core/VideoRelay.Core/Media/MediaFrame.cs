using VideoRelay.Core.Buffers;

namespace VideoRelay.Core.Media;

/// <summary>
/// One access unit moving through the pipeline: a slice of a pooled lease plus what a stage needs to
/// route, decode and time it. A value type: copying it does not copy the payload, and whoever holds a
/// copy that owns a reference must <see cref="Release"/> it exactly once (see docs/ARCHITECTURE.md,
/// buffer ownership).
/// </summary>
public struct MediaFrame
{
    public CodecId Codec;
    public FrameFlags Flags;

    /// <summary>Registry id of the stream (stable while the stream lives).</summary>
    public int StreamId;

    /// <summary>Rendition index within the stream; 0 is the source.</summary>
    public int RenditionId;

    /// <summary>Presentation time, 90 kHz (audio too, so tracks compare directly).</summary>
    public long Pts;

    /// <summary>Decode time, 90 kHz.</summary>
    public long Dts;

    /// <summary>Duration, 90 kHz (0 when unknown).</summary>
    public int Duration;

    /// <summary>Per-stream frame counter (gaps reveal drops).</summary>
    public long Sequence;

    /// <summary>The pooled buffer holding the payload.</summary>
    public BufferLease? Lease;

    /// <summary>Payload start inside the lease.</summary>
    public int Offset;

    /// <summary>Payload length in bytes.</summary>
    public int Length;

    /// <summary>Codec configuration in force for this frame (shared, immutable).</summary>
    public CodecConfig? Config;

    public TimingRecord Timing;

    public readonly bool IsKeyframe => (Flags & FrameFlags.Keyframe) != 0;

    public readonly bool IsVideo => Codec == CodecId.H264;

    /// <summary>The payload bytes.</summary>
    public readonly unsafe ReadOnlySpan<byte> Payload =>
        Lease is null ? default : new ReadOnlySpan<byte>(Lease.Pointer + Offset, Length);

    /// <summary>Adds a reference for another holder of a copy of this frame.</summary>
    public readonly void AddRef() => Lease?.AddRef();

    /// <summary>Drops this holder's reference to the payload.</summary>
    public readonly void Release() => Lease?.Release();
}
