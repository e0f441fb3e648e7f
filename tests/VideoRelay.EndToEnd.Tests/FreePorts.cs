using System.Net;
using System.Net.Sockets;

namespace VideoRelay.EndToEnd.Tests;

internal static class FreePorts
{
    /// <summary>A TCP port free right now on loopback (the OS picks it).</summary>
    public static int Tcp()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>A UDP port free right now on loopback.</summary>
    public static int Udp()
    {
        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        s.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)s.LocalEndPoint!).Port;
    }
}
