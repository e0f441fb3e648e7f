namespace VideoRelay.Edge.Sessions;

internal enum ViewerState
{
    /// <summary>Answer sent; waiting for the browser's ICE checks.</summary>
    Connecting,
    /// <summary>A check was nominated; DTLS is running.</summary>
    Handshaking,
    /// <summary>SRTP keys are in place; media flows.</summary>
    Playing,
    Closed,
}
