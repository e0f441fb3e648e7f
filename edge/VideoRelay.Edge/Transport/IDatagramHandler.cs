using System.Net;

namespace VideoRelay.Edge.Transport;

/// <summary>Receives every datagram of the edge's UDP port, on the receive thread.</summary>
internal interface IDatagramHandler
{
    /// <param name="datagram">Valid only during the call; may be modified in place (e.g. SRTCP unprotect).</param>
    /// <param name="remote">The sender; reused by the next receive, clone it to keep it.</param>
    void OnDatagram(Span<byte> datagram, SocketAddress remote);
}
