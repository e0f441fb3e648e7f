using System.Net;
using System.Net.Sockets;

namespace VideoRelay.Core.Net;

/// <summary>The TCP listening socket every server of the node opens the same way (RTMP ingest, relay).</summary>
public static class ListeningSocket
{
    /// <summary>Binds <paramref name="endPoint"/> (SO_REUSEADDR, so a restart does not wait out TIME_WAIT) and listens.</summary>
    public static Socket Open(IPEndPoint endPoint, int backlog = 128)
    {
        var listener = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(endPoint);
            listener.Listen(backlog);
            return listener;
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }
}
