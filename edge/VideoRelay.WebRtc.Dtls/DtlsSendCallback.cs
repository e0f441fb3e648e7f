namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// Sends one DTLS datagram to the remote peer (the edge wires this to its UDP socket, addressed to the
/// viewer's selected ICE candidate pair). The span is only valid for the duration of the call.
/// </summary>
public delegate void DtlsSendCallback(ReadOnlySpan<byte> datagram);
