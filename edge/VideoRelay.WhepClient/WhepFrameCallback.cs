using VideoRelay.WebRtc.Sdp;

namespace VideoRelay.WhepClient;

/// <summary>
/// A complete frame on the receive thread: an H.264 access unit (AVCC, 4-byte lengths) or one Opus packet.
/// <paramref name="payload"/> is valid only during the call.
/// </summary>
public delegate void WhepFrameCallback(MediaKind kind, uint rtpTimestamp, bool keyframe, ReadOnlySpan<byte> payload, long receivedUnixNs);
