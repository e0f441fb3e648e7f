using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Net;

namespace VideoRelay.Net.Tests;

/// <summary>
/// Linux switches software RX stamping on through a static key that a workqueue flips after the first socket
/// asks (net_enable_timestamp), and off again when the last one closes. Tests open and close sockets in
/// parallel, so a datagram can arrive in the window before the key is on and carry no stamp. Send probes until
/// one is stamped; after that our own socket keeps the key on.
/// </summary>
internal static class StampWarmUp
{
    /// <summary>Probes come from a socket of their own, so no OPT_ID counter of the test's sockets moves.</summary>
    public static void Udp(TimestampedUdp receiver, SocketAddress to)
    {
        using var sender = new Socket(to.Family, SocketType.Dgram, ProtocolType.Udp);
        var from = new SocketAddress(to.Family);
        var buffer = new byte[64];
        long deadline = Environment.TickCount64 + 2000;
        while (Environment.TickCount64 < deadline)
        {
            sender.SendTo(new byte[] { 0xEE }, SocketFlags.None, to);
            if (receiver.Receive(buffer, from, out long ns, 500) > 0 && ns != 0)
                return;
            Thread.Sleep(1);
        }
        throw new TimeoutException("RX stamping never came on");
    }

    public static void Tcp(Socket sender, Socket receiverSocket, TimestampedTcpReceive receiver)
    {
        var buffer = new byte[64];
        long deadline = Environment.TickCount64 + 2000;
        while (Environment.TickCount64 < deadline)
        {
            sender.Send(new byte[] { 0xEE });
            if (receiver.Receive(receiverSocket, buffer, out long ns, 500) > 0 && ns != 0)
                return;
            Thread.Sleep(1);
        }
        throw new TimeoutException("RX stamping never came on");
    }
}
