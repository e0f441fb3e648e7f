namespace VideoRelay.WebRtc.Rtp.Rtcp;

/// <summary>One FCI entry of a Full Intra Request: the media sender asked, and the request's sequence number.</summary>
public readonly record struct FirEntry(uint Ssrc, byte SequenceNumber);
