namespace VideoRelay.WebRtc.Sdp;

/// <summary>What the answer settled for one media section of the offer (accepted or rejected).</summary>
public sealed record NegotiatedMedia
{
    /// <summary>Position in the offer (and the answer).</summary>
    public required int Index { get; init; }

    /// <summary>The section's mid ("" when the offer had none).</summary>
    public required string Mid { get; init; }

    /// <summary>Audio, video, application, other.</summary>
    public required MediaKind Kind { get; init; }

    /// <summary>False when the section was answered with port 0.</summary>
    public required bool Accepted { get; init; }

    /// <summary>Why the section was rejected (null when accepted).</summary>
    public string? RejectReason { get; init; }

    /// <summary>Our direction in the answer (sendonly, or inactive when the viewer will not receive).</summary>
    public MediaDirection Direction { get; init; }

    /// <summary>The chosen payload type (-1 when rejected).</summary>
    public int PayloadType { get; init; } = -1;

    /// <summary>Encoding name as offered ("H264", "opus").</summary>
    public string? Codec { get; init; }

    /// <summary>RTP clock rate (90000 video, 48000 Opus).</summary>
    public int ClockRate { get; init; }

    /// <summary>Channels (2 for Opus per RFC 7587, 1 for video).</summary>
    public int Channels { get; init; }

    /// <summary>The fmtp parameters we answered for the chosen payload type.</summary>
    public string? Fmtp { get; init; }

    /// <summary>The H.264 profile-level-id chosen (video only).</summary>
    public H264ProfileLevelId? H264Profile { get; init; }

    /// <summary>The RTX payload type (RFC 4588), when offered and we have an RTX SSRC.</summary>
    public int? RtxPayloadType { get; init; }

    /// <summary>RTCP feedback negotiated for the chosen payload type.</summary>
    public RtcpFeedback Feedback { get; init; }

    /// <summary>Header extension ids negotiated in this section.</summary>
    public NegotiatedHeaderExtensions Extensions { get; init; }

    /// <summary>Our media SSRC in this section (0 when rejected).</summary>
    public uint Ssrc { get; init; }

    /// <summary>Our RTX SSRC, when RTX was negotiated.</summary>
    public uint? RtxSsrc { get; init; }

    /// <summary>The viewer sent a=rtcp-rsize (it accepts reduced-size RTCP; we did not echo it).</summary>
    public bool RemoteRtcpReducedSize { get; init; }
}
