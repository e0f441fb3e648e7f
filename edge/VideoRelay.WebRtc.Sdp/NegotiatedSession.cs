namespace VideoRelay.WebRtc.Sdp;

/// <summary>The outcome of answering a WHEP offer: everything the edge needs to run the session.</summary>
public sealed record NegotiatedSession
{
    /// <summary>The viewer's ICE ufrag (second half of the USERNAME it will send).</summary>
    public required string RemoteIceUfrag { get; init; }

    /// <summary>The viewer's ICE password.</summary>
    public required string RemoteIcePwd { get; init; }

    /// <summary>The certificate fingerprint the viewer's DTLS must present (sha-256 preferred).</summary>
    public required DtlsFingerprint RemoteFingerprint { get; init; }

    /// <summary>The viewer's a=setup.</summary>
    public required DtlsSetup RemoteSetup { get; init; }

    /// <summary>Our a=setup: passive (DTLS server) unless the viewer insisted on being passive.</summary>
    public required DtlsSetup LocalSetup { get; init; }

    /// <summary>True when we are the DTLS server (we answered passive).</summary>
    public bool IsDtlsServer => LocalSetup == DtlsSetup.Passive;

    /// <summary>Mids in our a=group:BUNDLE, in offer order (all share our one ICE/DTLS transport).</summary>
    public required IReadOnlyList<string> BundleMids { get; init; }

    /// <summary>Every media section of the offer, in order, accepted or not.</summary>
    public required IReadOnlyList<NegotiatedMedia> Media { get; init; }

    /// <summary>Candidates the viewer put in its offer (often none: trickle, or peer-reflexive via ICE-lite).</summary>
    public IReadOnlyList<IceCandidate> RemoteCandidates { get; init; } = [];

    /// <summary>The accepted video section, if any.</summary>
    public NegotiatedMedia? Video => Media.FirstOrDefault(m => m.Accepted && m.Kind == MediaKind.Video);

    /// <summary>The accepted audio section, if any.</summary>
    public NegotiatedMedia? Audio => Media.FirstOrDefault(m => m.Accepted && m.Kind == MediaKind.Audio);
}
