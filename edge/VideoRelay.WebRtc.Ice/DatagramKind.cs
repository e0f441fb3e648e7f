namespace VideoRelay.WebRtc.Ice;

/// <summary>What a datagram on the shared WebRTC port carries (RFC 7983).</summary>
public enum DatagramKind : byte
{
    /// <summary>Anything else (ZRTP, TURN channel, garbage, empty): drop and count.</summary>
    Unknown = 0,

    /// <summary>STUN (ICE connectivity checks, consent).</summary>
    Stun,

    /// <summary>DTLS (the handshake that keys SRTP).</summary>
    Dtls,

    /// <summary>SRTP.</summary>
    Rtp,

    /// <summary>SRTCP (RFC 5761 rtcp-mux).</summary>
    Rtcp,
}
