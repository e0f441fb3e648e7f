namespace VideoRelay.WebRtc.Sdp;

/// <summary>The a=setup role (RFC 4145 §4, RFC 8842).</summary>
public enum DtlsSetup : byte
{
    /// <summary>Not present.</summary>
    None,

    /// <summary>actpass: the offerer lets the answerer choose.</summary>
    ActPass,

    /// <summary>active: this side is the DTLS client.</summary>
    Active,

    /// <summary>passive: this side is the DTLS server.</summary>
    Passive,

    /// <summary>holdconn (not used by WebRTC).</summary>
    HoldConn,
}
