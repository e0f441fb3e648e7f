namespace VideoRelay.WebRtc.Rtp;

/// <summary>What a depacketizer did with one RTP packet.</summary>
public enum DepacketizeStatus
{
    /// <summary>Accepted; the frame is not complete yet.</summary>
    Buffered,

    /// <summary>A frame is complete in the output buffer (see <see cref="DepacketizeResult"/>).</summary>
    FrameReady,

    /// <summary>Ignored: late or duplicate, part of a damaged frame, or waiting for a keyframe.</summary>
    Discarded,

    /// <summary>The payload broke the payload format; the current frame is dropped.</summary>
    Malformed,

    /// <summary>The frame outgrew the output buffer; it is dropped.</summary>
    Overflow,
}
