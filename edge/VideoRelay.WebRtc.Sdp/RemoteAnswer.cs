namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// What our test WHEP client needs from the server's answer: ICE credentials, DTLS fingerprint and
/// role, the host candidate(s), and the payload type per accepted section.
/// </summary>
public sealed record RemoteAnswer
{
    /// <summary>The server's ICE ufrag.</summary>
    public required string IceUfrag { get; init; }

    /// <summary>The server's ICE password.</summary>
    public required string IcePwd { get; init; }

    /// <summary>The server's certificate fingerprint.</summary>
    public required DtlsFingerprint Fingerprint { get; init; }

    /// <summary>The server's a=setup (passive: it is the DTLS server).</summary>
    public required DtlsSetup Setup { get; init; }

    /// <summary>a=ice-lite present.</summary>
    public required bool IceLite { get; init; }

    /// <summary>The server's candidates (all sections, de-duplicated).</summary>
    public required IReadOnlyList<IceCandidate> Candidates { get; init; }

    /// <summary>BUNDLE mids of the answer.</summary>
    public required IReadOnlyList<string> BundleMids { get; init; }

    /// <summary>The parsed answer, for anything else.</summary>
    public required SessionDescription Description { get; init; }

    /// <summary>The first payload type of the accepted section with this mid, or -1.</summary>
    public int PayloadTypeOf(string mid)
    {
        MediaDescription? m = Description.Media.FirstOrDefault(x => x.Mid == mid && x.Port != 0);
        return m is null ? -1 : m.PayloadTypes.DefaultIfEmpty(-1).First();
    }

    /// <summary>Parses an answer; throws <see cref="SdpParseException"/> or <see cref="SdpNegotiationException"/>.</summary>
    public static RemoteAnswer Parse(string sdp)
    {
        SessionDescription d = SdpParser.Parse(sdp);
        MediaDescription first = d.Media.FirstOrDefault(m => m.Port != 0)
            ?? throw new SdpNegotiationException("the answer accepts no media section");
        return new RemoteAnswer
        {
            IceUfrag = d.IceUfragFor(first) ?? throw new SdpNegotiationException("the answer has no a=ice-ufrag"),
            IcePwd = d.IcePwdFor(first) ?? throw new SdpNegotiationException("the answer has no a=ice-pwd"),
            Fingerprint = d.FingerprintsFor(first).FirstOrDefault()
                ?? throw new SdpNegotiationException("the answer has no a=fingerprint"),
            Setup = d.SetupFor(first),
            IceLite = d.IceLite,
            Candidates = d.Media.SelectMany(m => m.Candidates).Distinct().ToList(),
            BundleMids = d.BundleGroups.Count > 0 ? d.BundleGroups[0] : [],
            Description = d,
        };
    }
}
