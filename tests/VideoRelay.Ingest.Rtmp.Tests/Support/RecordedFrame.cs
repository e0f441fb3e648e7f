using VideoRelay.Core.Media;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>A frame as a recording session saw it (payload copied, lease released).</summary>
internal sealed record RecordedFrame(
    CodecId Codec,
    FrameFlags Flags,
    long Pts,
    long Dts,
    long Sequence,
    byte[] Payload,
    CodecConfig? Config,
    long CaptureUnixNs,
    long IngestRxUnixNs,
    long DemuxedUnixNs);
