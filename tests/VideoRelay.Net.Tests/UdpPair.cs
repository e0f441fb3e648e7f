using System.Net;
using System.Net.Sockets;

namespace VideoRelay.Net.Tests;

/// <summary>Two UDP sockets bound on loopback, for the real-socket tests.</summary>
internal sealed class UdpPair : IDisposable
{
    public UdpPair(IPAddress? loopback = null)
    {
        loopback ??= IPAddress.Loopback;
        A = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        B = new Socket(loopback.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        A.Bind(new IPEndPoint(loopback, 0));
        B.Bind(new IPEndPoint(loopback, 0));
        AAddress = ((IPEndPoint)A.LocalEndPoint!).Serialize();
        BAddress = ((IPEndPoint)B.LocalEndPoint!).Serialize();
    }

    public Socket A { get; }
    public Socket B { get; }
    public SocketAddress AAddress { get; }
    public SocketAddress BAddress { get; }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
