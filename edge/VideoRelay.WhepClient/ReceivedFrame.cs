using VideoRelay.WebRtc.Sdp;

namespace VideoRelay.WhepClient;

/// <summary>
/// A frame a <see cref="WhepViewer"/> received: for video one H.264 access unit (NAL units each prefixed by a
/// 4-byte big-endian length; as the edge packetized it: SPS and PPS before a keyframe, no access-unit
/// delimiters), for audio one Opus packet.
/// </summary>
/// <param name="Kind">Video or audio.</param>
/// <param name="RtpTimestamp">The RTP timestamp (90 kHz video, 48 kHz audio; the sender's random offset included).</param>
/// <param name="Keyframe">Video: the access unit holds an IDR slice. Audio: always true.</param>
/// <param name="Payload">A copy of the frame's bytes.</param>
/// <param name="ReceivedUnixNs">When its last packet arrived (Unix ns).</param>
public readonly record struct ReceivedFrame(MediaKind Kind, uint RtpTimestamp, bool Keyframe, byte[] Payload, long ReceivedUnixNs);
