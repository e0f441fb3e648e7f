namespace VideoRelay.WebRtc.Sdp;

/// <summary>Our side of a WHEP answer.</summary>
public sealed record WhepLocalParameters
{
    /// <summary>Our ICE ufrag (≥ 4 ice-chars).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Our ICE password (≥ 22 ice-chars).</summary>
    public required string IcePwd { get; init; }

    /// <summary>Our DTLS certificate fingerprint (sha-256).</summary>
    public required DtlsFingerprint Fingerprint { get; init; }

    /// <summary>The candidate address as announced: an IP literal or a host name.</summary>
    public required string CandidateAddress { get; init; }

    /// <summary>Our one UDP port.</summary>
    public required int CandidatePort { get; init; }

    /// <summary>The H.264 video track we send, or null for none.</summary>
    public LocalTrack? Video { get; init; }

    /// <summary>The Opus audio track we send, or null for none.</summary>
    public LocalTrack? Audio { get; init; }

    /// <summary>o= session id; random when null.</summary>
    public ulong? SessionId { get; init; }
}
