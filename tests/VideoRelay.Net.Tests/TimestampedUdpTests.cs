using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Net;
using VideoRelay.Core.Timing;

namespace VideoRelay.Net.Tests;

public sealed class TimestampedUdpTests
{
    // Clock.UnixNowNs comes from DateTime.UtcNow, truncated to 100 ns; the kernel stamp is not truncated.
    private const long UtcNowResolutionNs = 100;

    [Fact]
    public void Software_rx_stamp_is_detected_and_lies_between_send_and_receive()
    {
        using var pair = new UdpPair();
        using var receiver = new TimestampedUdp(pair.B, TimestampRequest.Software);
        Assert.Equal(TimestampSource.Software, receiver.Status.Rx);
        Assert.Equal(TimestampSource.Software, receiver.Status.Tx);
        StampWarmUp.Udp(receiver, pair.BAddress);
        long unstampedBefore = receiver.Unstamped;

        var from = new SocketAddress(AddressFamily.InterNetwork);
        Span<byte> buffer = stackalloc byte[1500];
        for (int i = 0; i < 20; i++)
        {
            long before = Clock.UnixNowNs();
            pair.A.SendTo(new byte[] { 1, 2, 3, (byte)i }, SocketFlags.None, pair.BAddress);
            int n = receiver.Receive(buffer, from, out long rxNs, timeoutMs: 2000);
            long after = Clock.UnixNowNs();

            Assert.Equal(4, n);
            Assert.Equal((byte)i, buffer[3]);
            Assert.InRange(rxNs, before, after + UtcNowResolutionNs);
        }
        Assert.Equal(TimestampSource.Software, receiver.ObservedRxSource);
        Assert.Equal(unstampedBefore, receiver.Unstamped);
        Assert.Equal(pair.A.LocalEndPoint, new IPEndPoint(IPAddress.Any, 0).Create(from));
    }

    [Fact]
    public void Tx_stamps_come_back_from_the_error_queue_with_the_send_ids()
    {
        using var pair = new UdpPair();
        using var sender = new TimestampedUdp(pair.A, TimestampRequest.Software);
        Assert.Equal(TimestampSource.Software, sender.Status.Tx);

        const int count = 8;
        long before = Clock.UnixNowNs();
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(3, sender.Send(new byte[] { 9, 9, (byte)i }, pair.BAddress, out uint id));
            Assert.Equal((uint)i, id);
        }
        long after = Clock.UnixNowNs();

        var stamps = DrainTx(sender, count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => (uint)i), stamps.Select(s => s.Id));
        Assert.All(stamps, s =>
        {
            Assert.Equal(TimestampSource.Software, s.Source);
            Assert.Equal(TxTimestampKind.Sent, s.Kind);
            Assert.InRange(s.UnixNs, before, after + UtcNowResolutionNs);
        });
        Assert.Equal(TimestampSource.Software, sender.ObservedTxSource);
        Assert.False(sender.TryReadTxTimestamp(out _, out _));
    }

    [Fact]
    public void Ipv6_loopback_gets_rx_and_tx_stamps()
    {
        using var pair = new UdpPair(IPAddress.IPv6Loopback);
        using var a = new TimestampedUdp(pair.A, TimestampRequest.Software);
        using var b = new TimestampedUdp(pair.B, TimestampRequest.Software);
        StampWarmUp.Udp(b, pair.BAddress);
        var from = new SocketAddress(AddressFamily.InterNetworkV6);
        Span<byte> buffer = stackalloc byte[64];

        long before = Clock.UnixNowNs();
        Assert.Equal(5, a.Send("hello"u8, pair.BAddress, out uint id));
        Assert.Equal(5, b.Receive(buffer, from, out long rxNs, 2000));
        long after = Clock.UnixNowNs();

        Assert.Equal(0u, id);
        Assert.InRange(rxNs, before, after + UtcNowResolutionNs);
        var stamp = Assert.Single(DrainTx(a, 1));
        Assert.Equal(0u, stamp.Id);
        Assert.InRange(stamp.UnixNs, before, rxNs);
        Assert.Equal(pair.A.LocalEndPoint, new IPEndPoint(IPAddress.IPv6Any, 0).Create(from));
    }

    [Fact]
    public void A_receive_waiting_beside_pending_tx_stamps_parks_them_for_the_reader()
    {
        // Same socket sends and receives (the edge's one UDP port): queued TX stamps make poll() report
        // POLLERR; the waiting receive must move them aside rather than spin or lose them.
        using var pair = new UdpPair();
        using var a = new TimestampedUdp(pair.A, TimestampRequest.Software);
        a.Send("x"u8, pair.BAddress, out _);
        a.Send("y"u8, pair.BAddress, out _);
        Thread.Sleep(20);

        var from = new SocketAddress(AddressFamily.InterNetwork);
        Assert.Equal(-1, a.Receive(new byte[16], from, out _, timeoutMs: 50));
        Assert.Equal(110, a.LastErrno); // ETIMEDOUT
        Assert.Equal(2, a.PendingTxStamps);

        var stamps = DrainTx(a, 2);
        Assert.Equal(new uint[] { 0, 1 }, stamps.Select(s => s.Id));
    }

    [Fact]
    public void Receive_times_out_with_etimedout()
    {
        using var pair = new UdpPair();
        using var b = new TimestampedUdp(pair.B, TimestampRequest.Software);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        Assert.Equal(-1, b.Receive(new byte[16], from, out long ns, timeoutMs: 20));
        Assert.Equal(110, b.LastErrno);
        Assert.Equal(0, ns);
        Assert.False(b.TryReceive(new byte[16], from, out _, out _));
        Assert.Equal(11, b.LastErrno); // EAGAIN
    }

    [Fact]
    public void A_datagram_larger_than_the_buffer_is_cut_and_counted()
    {
        using var pair = new UdpPair();
        using var b = new TimestampedUdp(pair.B, TimestampRequest.Software);
        StampWarmUp.Udp(b, pair.BAddress);
        pair.A.SendTo(new byte[100], SocketFlags.None, pair.BAddress);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        Assert.Equal(10, b.Receive(new byte[10], from, out long ns, 2000));
        Assert.Equal(1, b.Truncated);
        Assert.NotEqual(0, ns);
    }

    [Fact]
    public void Wrapping_a_socket_without_a_request_reports_what_it_has()
    {
        using var pair = new UdpPair();
        using (var plain = new TimestampedUdp(pair.A))
        {
            Assert.Equal(TimestampSource.None, plain.Status.Rx);
            Assert.Equal(TimestampSource.None, plain.Status.Tx);
        }
        SocketTimestamping.Enable(pair.A, new TimestampRequest { Transmit = false });
        using var enabled = new TimestampedUdp(pair.A);
        Assert.Equal(TimestampSource.Software, enabled.Status.Rx);
        Assert.Equal(TimestampSource.None, enabled.Status.Tx);
    }

    internal static List<TxTimestamp> DrainTx(TimestampedUdp udp, int expected)
    {
        var stamps = new List<TxTimestamp>();
        long deadline = Environment.TickCount64 + 2000;
        while (stamps.Count < expected && Environment.TickCount64 < deadline)
        {
            if (udp.TryReadTxTimestamp(out TxTimestamp stamp))
                stamps.Add(stamp);
            else
                Thread.Sleep(1);
        }
        return stamps;
    }
}
