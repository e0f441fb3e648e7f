using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Net;

namespace VideoRelay.Net.Tests;

public sealed class ZeroAllocationTests
{
    [Fact]
    public void Udp_receive_send_and_tx_stamp_paths_allocate_nothing_per_packet()
    {
        using var pair = new UdpPair();
        using var sender = new TimestampedUdp(pair.A, TimestampRequest.Software);
        using var receiver = new TimestampedUdp(pair.B, TimestampRequest.Software);
        StampWarmUp.Udp(receiver, pair.BAddress);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var payload = new byte[200];
        var buffer = new byte[1500];

        long stamped = 0, txStamps = 0;
        void Run(int packets)
        {
            const int burst = 50; // stays far below the socket buffer: no loss on loopback
            for (int sent = 0; sent < packets; sent += burst)
            {
                for (int i = 0; i < burst; i++)
                    sender.Send(payload, pair.BAddress, out _);
                for (int i = 0; i < burst; i++)
                {
                    if (receiver.Receive(buffer, from, out long rxNs, 2000) == payload.Length && rxNs != 0)
                        stamped++;
                }
                while (sender.TryReadTxTimestamp(out _, out _))
                    txStamps++;
            }
        }

        Run(1000); // warm-up: JIT, tiering, first-call stubs
        stamped = txStamps = 0;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(10_000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(10_000, stamped);
        Assert.InRange(txStamps, 9_000, 10_000); // the last burst's stamps may still be in flight
    }
}
