namespace VideoRelay.WebRtc.Dtls.Internal;

/// <summary>Why a <see cref="DtlsDatagramChannel"/> stopped; the first reason recorded wins.</summary>
internal enum ChannelCloseReason
{
    Open = 0,
    /// <summary>Closed by its owner (session end) or by the DTLS layer after close_notify.</summary>
    Closed,
    /// <summary>The handshake ran out of time.</summary>
    TimedOut,
    /// <summary>The caller's cancellation token fired during the handshake.</summary>
    Canceled,
}
