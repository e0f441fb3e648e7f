namespace VideoRelay.WebRtc.Sdp;

/// <summary>One track we send: its SSRC(s) and the identifiers announced in a=msid / a=ssrc.</summary>
/// <param name="Ssrc">Media SSRC.</param>
/// <param name="Cname">RTCP CNAME (same for all tracks of a viewer session, RFC 7022).</param>
/// <param name="StreamId">msid stream id (MediaStream id in the browser).</param>
/// <param name="TrackId">msid track id.</param>
/// <param name="RtxSsrc">RTX SSRC; when set and the offer has RTX for the chosen codec, RTX is negotiated.</param>
public sealed record LocalTrack(uint Ssrc, string Cname, string StreamId, string TrackId, uint? RtxSsrc = null);
