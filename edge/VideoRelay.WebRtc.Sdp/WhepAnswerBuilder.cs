using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace VideoRelay.WebRtc.Sdp;

/// <summary>
/// Answers a viewer's WHEP offer (JSEP, RFC 8829 §5.3) as an ICE-lite, DTLS-server, send-only edge with
/// one UDP port: H.264 video and Opus audio, everything BUNDLEd and rtcp-muxed.
/// </summary>
/// <remarks>
/// Per media section, in offer order: the first video section gets our video track if it offers
/// H.264 packetization-mode=1 in a profile we send; the first audio section gets our Opus track;
/// anything else (data channels, a codec we lack, a second video, no rtcp-mux, not in the BUNDLE group,
/// no mid) is rejected with port 0 but keeps its place and mid. Throws
/// <see cref="SdpNegotiationException"/> when the offer lacks ICE credentials or a sha-256 fingerprint,
/// or when no section can be served.
/// </remarks>
public static class WhepAnswerBuilder
{
    /// <summary>Host candidate priority: type preference 126, local preference 65535, component 1.</summary>
    public const uint HostCandidatePriority = 2130706431;

    /// <summary>Builds the answer.</summary>
    public static WhepAnswer Build(SessionDescription offer, WhepLocalParameters local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        ValidateLocal(local);

        MediaDescription transportSection = offer.Media.FirstOrDefault(m => m.Port != 0 || m.BundleOnly)
            ?? throw new SdpNegotiationException("the offer has no active media section");
        string remoteUfrag = offer.IceUfragFor(transportSection)
            ?? throw new SdpNegotiationException("the offer has no a=ice-ufrag");
        string remotePwd = offer.IcePwdFor(transportSection)
            ?? throw new SdpNegotiationException("the offer has no a=ice-pwd");
        DtlsFingerprint remoteFingerprint = offer.FingerprintsFor(transportSection).FirstOrDefault(f => f.Algorithm == "sha-256")
            ?? throw new SdpNegotiationException("the offer has no a=fingerprint:sha-256");
        DtlsSetup remoteSetup = offer.SetupFor(transportSection);
        DtlsSetup localSetup = remoteSetup switch
        {
            DtlsSetup.ActPass or DtlsSetup.Active or DtlsSetup.None => DtlsSetup.Passive,
            DtlsSetup.Passive => DtlsSetup.Active,
            _ => throw new SdpNegotiationException($"a=setup:{remoteSetup} cannot be answered"),
        };

        IReadOnlyList<string> offeredBundle = offer.BundleGroups.Count > 0 ? offer.BundleGroups[0] : [];
        var plans = new List<(MediaDescription Offered, NegotiatedMedia Result, CodecSelector.Choice? Choice, List<Extmap> Extmaps)>();
        bool videoUsed = false, audioUsed = false;
        int accepted = 0;
        foreach (MediaDescription m in offer.Media)
        {
            MediaKind kind = KindOf(m.Kind);
            string? reason = null;
            CodecSelector.Choice? choice = null;
            LocalTrack? track = kind == MediaKind.Video ? local.Video : kind == MediaKind.Audio ? local.Audio : null;
            if (m.Port == 0 && !m.BundleOnly)
            {
                reason = "rejected in the offer (port 0)";
            }
            else if (kind is not (MediaKind.Video or MediaKind.Audio) || !m.IsRtp)
            {
                reason = $"{m.Kind} {m.Protocol} is not served";
            }
            else if (m.Mid is null)
            {
                reason = "no a=mid";
            }
            else if (offeredBundle.Count > 0 ? !offeredBundle.Contains(m.Mid) : accepted > 0)
            {
                reason = "not in the offer's BUNDLE group (one transport only)";
            }
            else if (!m.RtcpMux)
            {
                reason = "no a=rtcp-mux";
            }
            else if (track is null || (kind == MediaKind.Video ? videoUsed : audioUsed))
            {
                reason = $"no {m.Kind} track to send";
            }
            else
            {
                choice = kind == MediaKind.Video ? CodecSelector.ChooseH264(m) : CodecSelector.ChooseOpus(m);
                if (choice is null)
                {
                    reason = kind == MediaKind.Video
                        ? "no H.264 with packetization-mode=1 in a supported profile (42e01f, 42001f, 4d001f)"
                        : "no opus/48000/2";
                }
            }

            if (reason is not null || choice is null || track is null)
            {
                plans.Add((m, new NegotiatedMedia
                {
                    Index = m.Index, Mid = m.Mid ?? "", Kind = kind, Accepted = false, RejectReason = reason,
                    Direction = MediaDirection.Inactive,
                }, null, []));
                continue;
            }

            if (kind == MediaKind.Video)
            {
                videoUsed = true;
            }
            else
            {
                audioUsed = true;
            }
            accepted++;
            int pt = choice.Map.PayloadType;
            int? rtx = track.RtxSsrc is not null ? CodecSelector.FindRtx(m, pt) : null;
            (NegotiatedHeaderExtensions ids, List<Extmap> extmaps) = CodecSelector.Extensions(m, kind);
            plans.Add((m, new NegotiatedMedia
            {
                Index = m.Index,
                Mid = m.Mid!,
                Kind = kind,
                Accepted = true,
                Direction = m.Direction is MediaDirection.RecvOnly or MediaDirection.SendRecv ? MediaDirection.SendOnly : MediaDirection.Inactive,
                PayloadType = pt,
                Codec = choice.Map.EncodingName,
                ClockRate = choice.Map.ClockRate,
                Channels = choice.Map.Channels,
                Fmtp = choice.Fmtp,
                H264Profile = choice.Profile,
                RtxPayloadType = rtx,
                Feedback = CodecSelector.Feedback(m, pt),
                Extensions = ids,
                Ssrc = track.Ssrc,
                RtxSsrc = rtx is null ? null : track.RtxSsrc,
                RemoteRtcpReducedSize = m.RtcpReducedSize,
            }, choice, extmaps));
        }

        if (accepted == 0)
        {
            throw new SdpNegotiationException("no media section can be served: "
                + string.Join("; ", plans.Select(p => $"m={p.Offered.Kind} ({p.Result.Mid}): {p.Result.RejectReason}")));
        }

        // The answerer's BUNDLE group: accepted mids, in the offer group's order (its first is the BUNDLE tag).
        var acceptedMids = plans.Where(p => p.Result.Accepted).Select(p => p.Result.Mid).ToList();
        List<string> bundle = offeredBundle.Count > 0
            ? offeredBundle.Where(acceptedMids.Contains).ToList()
            : acceptedMids;

        var session = new NegotiatedSession
        {
            RemoteIceUfrag = remoteUfrag,
            RemoteIcePwd = remotePwd,
            RemoteFingerprint = remoteFingerprint,
            RemoteSetup = remoteSetup,
            LocalSetup = localSetup,
            BundleMids = bundle,
            Media = plans.Select(p => p.Result).ToList(),
            RemoteCandidates = offer.Media.SelectMany(m => m.Candidates).ToList(),
        };
        string sdp = Write(local, localSetup, bundle, plans);
        return new WhepAnswer(sdp, session);
    }

    private static string Write(WhepLocalParameters local, DtlsSetup localSetup, List<string> bundle,
        List<(MediaDescription Offered, NegotiatedMedia Result, CodecSelector.Choice? Choice, List<Extmap> Extmaps)> plans)
    {
        ulong sessionId = local.SessionId ?? (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) >> 1);
        string connection = ConnectionFor(local.CandidateAddress);
        string port = SdpText.Invariant(local.CandidatePort);
        var w = new SdpWriter()
            .Line("v=0")
            .Line($"o=- {sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)} 2 IN IP4 127.0.0.1")
            .Line("s=-")
            .Line("t=0 0")
            .Line("a=ice-lite")
            .Line("a=group:BUNDLE " + string.Join(' ', bundle))
            .Line("a=msid-semantic:WMS *");

        foreach ((MediaDescription offered, NegotiatedMedia result, CodecSelector.Choice? choice, List<Extmap> extmaps) in plans)
        {
            if (!result.Accepted || choice is null)
            {
                w.Line($"m={offered.Kind} 0 {offered.Protocol} {offered.Formats[0]}")
                    .Line("c=IN IP4 0.0.0.0");
                if (offered.Mid is not null)
                {
                    w.Line("a=mid:" + offered.Mid);
                }
                continue;
            }
            LocalTrack track = (result.Kind == MediaKind.Video ? local.Video : local.Audio)!;
            string pt = SdpText.Invariant(result.PayloadType);
            string formats = result.RtxPayloadType is int rtxPt ? $"{pt} {SdpText.Invariant(rtxPt)}" : pt;
            w.Line($"m={offered.Kind} {port} {offered.Protocol} {formats}")
                .Line(connection)
                .Line("a=mid:" + result.Mid)
                .Line("a=ice-ufrag:" + local.IceUfrag)
                .Line("a=ice-pwd:" + local.IcePwd)
                .Line("a=fingerprint:" + local.Fingerprint)
                .Line("a=setup:" + (localSetup == DtlsSetup.Passive ? "passive" : "active"))
                .Line(result.Direction == MediaDirection.SendOnly ? "a=sendonly" : "a=inactive")
                .Line("a=rtcp-mux");
            foreach (Extmap e in extmaps)
            {
                w.Line($"a=extmap:{SdpText.Invariant(e.Id)}{(e.Direction is null ? "" : "/" + e.Direction)} {e.Uri}");
            }
            RtpMap map = choice.Map;
            w.Line($"a=rtpmap:{pt} {map.EncodingName}/{SdpText.Invariant(map.ClockRate)}{(result.Kind == MediaKind.Audio ? "/" + SdpText.Invariant(map.Channels) : "")}");
            WriteFeedback(w, pt, result.Feedback);
            w.Line($"a=fmtp:{pt} {result.Fmtp}");
            if (result.RtxPayloadType is int rtx)
            {
                string r = SdpText.Invariant(rtx);
                w.Line($"a=rtpmap:{r} rtx/{SdpText.Invariant(map.ClockRate)}")
                    .Line($"a=fmtp:{r} apt={pt}");
            }
            w.Line($"a=msid:{track.StreamId} {track.TrackId}");
            if (result.RtxSsrc is uint rtxSsrc)
            {
                w.Line($"a=ssrc-group:FID {SdpText.Invariant(track.Ssrc)} {SdpText.Invariant(rtxSsrc)}");
            }
            WriteSsrc(w, track.Ssrc, track);
            if (result.RtxSsrc is uint rtxSsrc2)
            {
                WriteSsrc(w, rtxSsrc2, track);
            }
            w.Line($"a=candidate:1 1 udp {SdpText.Invariant(HostCandidatePriority)} {local.CandidateAddress} {port} typ host")
                .Line("a=end-of-candidates");
        }
        return w.ToString();
    }

    private static void WriteFeedback(SdpWriter w, string pt, RtcpFeedback feedback)
    {
        if ((feedback & RtcpFeedback.GoogRemb) != 0) w.Line($"a=rtcp-fb:{pt} goog-remb");
        if ((feedback & RtcpFeedback.TransportCc) != 0) w.Line($"a=rtcp-fb:{pt} transport-cc");
        if ((feedback & RtcpFeedback.CcmFir) != 0) w.Line($"a=rtcp-fb:{pt} ccm fir");
        if ((feedback & RtcpFeedback.Nack) != 0) w.Line($"a=rtcp-fb:{pt} nack");
        if ((feedback & RtcpFeedback.NackPli) != 0) w.Line($"a=rtcp-fb:{pt} nack pli");
    }

    private static void WriteSsrc(SdpWriter w, uint ssrc, LocalTrack track)
    {
        string s = SdpText.Invariant(ssrc);
        w.Line($"a=ssrc:{s} cname:{track.Cname}")
            .Line($"a=ssrc:{s} msid:{track.StreamId} {track.TrackId}");
    }

    private static string ConnectionFor(string address)
    {
        if (IPAddress.TryParse(address, out IPAddress? ip))
        {
            return ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"c=IN IP6 {address}" : $"c=IN IP4 {address}";
        }
        return $"c=IN IP4 {address}"; // an FQDN is allowed in c= (RFC 8866 §5.7)
    }

    private static MediaKind KindOf(string kind) => kind switch
    {
        "video" => MediaKind.Video,
        "audio" => MediaKind.Audio,
        "application" => MediaKind.Application,
        _ => MediaKind.Other,
    };

    private static void ValidateLocal(WhepLocalParameters local)
    {
        if (local.IceUfrag.Length is < 4 or > 256 || !SdpText.IsToken(local.IceUfrag))
        {
            throw new ArgumentException("IceUfrag must be 4–256 ice-chars", nameof(local));
        }
        if (local.IcePwd.Length is < 22 or > 256 || !SdpText.IsToken(local.IcePwd))
        {
            throw new ArgumentException("IcePwd must be 22–256 ice-chars", nameof(local));
        }
        if (local.CandidatePort is < 1 or > 65535)
        {
            throw new ArgumentException("CandidatePort must be 1–65535", nameof(local));
        }
        if (!SdpText.IsToken(local.CandidateAddress))
        {
            throw new ArgumentException("CandidateAddress must be an IP literal or host name", nameof(local));
        }
        foreach (LocalTrack? t in new[] { local.Video, local.Audio })
        {
            if (t is not null && !(SdpText.IsToken(t.Cname) && SdpText.IsToken(t.StreamId) && SdpText.IsToken(t.TrackId)))
            {
                throw new ArgumentException("track cname/stream/track ids must be tokens without spaces", nameof(local));
            }
        }
    }
}
