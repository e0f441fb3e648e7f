namespace VideoRelay.WebRtc.Sdp;

/// <summary>Picks the payload types we can send from an offered media section.</summary>
internal static class CodecSelector
{
    internal sealed record Choice(RtpMap Map, string Fmtp, H264ProfileLevelId? Profile);

    private static readonly H264ProfileLevelId Preferred = new(0x42, 0xE0, 0x1F);

    /// <summary>
    /// H.264 with packetization-mode=1 (RFC 6184 §6.3, non-interleaved: FU-A/STAP-A) in a profile we send.
    /// Preference: 42e01f exactly, then any constrained baseline, then baseline (42001f), then main (4d....);
    /// ties go to the offer's order. High and other profiles are not accepted.
    /// </summary>
    public static Choice? ChooseH264(MediaDescription m)
    {
        Choice? best = null;
        int bestRank = int.MaxValue;
        foreach (int pt in m.PayloadTypes)
        {
            RtpMap? map = m.GetRtpMap(pt);
            if (map is null || !map.EncodingName.Equals("H264", StringComparison.OrdinalIgnoreCase) || map.ClockRate != 90000)
            {
                continue;
            }
            IReadOnlyDictionary<string, string> p = FmtpParameters.Parse(m.GetFmtp(pt));
            if (!p.TryGetValue("packetization-mode", out string? mode) || mode != "1")
            {
                continue;
            }
            H264ProfileLevelId id = H264ProfileLevelId.Default;
            if (p.TryGetValue("profile-level-id", out string? plid) && !H264ProfileLevelId.TryParse(plid, out id))
            {
                continue;
            }
            int rank = id == Preferred ? 0 : id.IsConstrainedBaseline ? 1 : id.IsBaseline ? 2 : id.IsMain ? 3 : -1;
            if (rank >= 0 && rank < bestRank)
            {
                bestRank = rank;
                best = new Choice(map, $"level-asymmetry-allowed=1;packetization-mode=1;profile-level-id={id}", id);
            }
        }
        return best;
    }

    /// <summary>Opus: rtpmap opus/48000/2 (RFC 7587 §7 requires two channels in the rtpmap).</summary>
    public static Choice? ChooseOpus(MediaDescription m)
    {
        foreach (int pt in m.PayloadTypes)
        {
            RtpMap? map = m.GetRtpMap(pt);
            if (map is not null && map.EncodingName.Equals("opus", StringComparison.OrdinalIgnoreCase)
                && map.ClockRate == 48000 && map.Channels == 2)
            {
                return new Choice(map, "minptime=10;useinbandfec=1", null);
            }
        }
        return null;
    }

    /// <summary>The RTX payload type whose apt is <paramref name="payloadType"/>, or null.</summary>
    public static int? FindRtx(MediaDescription m, int payloadType)
    {
        foreach (int pt in m.PayloadTypes)
        {
            RtpMap? map = m.GetRtpMap(pt);
            if (map is not null && map.EncodingName.Equals("rtx", StringComparison.OrdinalIgnoreCase)
                && FmtpParameters.Parse(m.GetFmtp(pt)).TryGetValue("apt", out string? apt)
                && apt == SdpText.Invariant(payloadType))
            {
                return pt;
            }
        }
        return null;
    }

    /// <summary>The feedback types we support among those offered for a payload type.</summary>
    public static RtcpFeedback Feedback(MediaDescription m, int payloadType)
    {
        RtcpFeedback result = RtcpFeedback.None;
        foreach (RtcpFeedbackLine f in m.GetRtcpFeedback(payloadType))
        {
            result |= (f.Type, f.Parameter) switch
            {
                ("nack", null) => RtcpFeedback.Nack,
                ("nack", "pli") => RtcpFeedback.NackPli,
                ("ccm", "fir") => RtcpFeedback.CcmFir,
                ("goog-remb", null) => RtcpFeedback.GoogRemb,
                ("transport-cc", null) => RtcpFeedback.TransportCc,
                _ => RtcpFeedback.None,
            };
        }
        return result;
    }

    /// <summary>
    /// The supported header extensions the offer lists for this kind, with the offer's ids. Only one-byte
    /// ids (1–14) are taken, and only extensions the offerer is willing to receive.
    /// </summary>
    public static (NegotiatedHeaderExtensions Ids, List<Extmap> Lines) Extensions(MediaDescription m, MediaKind kind)
    {
        var lines = new List<Extmap>();
        int mid = 0, twcc = 0, playout = 0, abs = 0;
        foreach (Extmap e in m.Extmaps)
        {
            if (e.Id > 14 || e.Direction is "sendonly" or "inactive")
            {
                continue;
            }
            switch (e.Uri)
            {
                case RtpHeaderExtensionUris.Mid: mid = e.Id; break;
                case RtpHeaderExtensionUris.TransportWideCc: twcc = e.Id; break;
                case RtpHeaderExtensionUris.AbsSendTime: abs = e.Id; break;
                case RtpHeaderExtensionUris.PlayoutDelay when kind == MediaKind.Video: playout = e.Id; break;
                default: continue;
            }
            lines.Add(new Extmap(e.Id, e.Direction is null ? null : "sendonly", e.Uri));
        }
        return (new NegotiatedHeaderExtensions(mid, twcc, playout, abs), lines);
    }
}
