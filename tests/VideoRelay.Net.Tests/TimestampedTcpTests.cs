using System.Net;
using System.Net.Sockets;
using VideoRelay.Core.Net;
using VideoRelay.Core.Timing;

namespace VideoRelay.Net.Tests;

public sealed class TimestampedTcpTests
{
    [Fact]
    public void Software_rx_stamp_is_detected_on_tcp_and_lies_between_send_and_receive()
    {
        var (client, server) = Connect();
        using (client)
        using (server)
        using (var receiver = new TimestampedTcpReceive())
        {
            var status = SocketTimestamping.Enable(server, new TimestampRequest { Transmit = false });
            Assert.Equal(TimestampSource.Software, status.Rx);
            StampWarmUp.Tcp(client, server, receiver);

            var buffer = new byte[4096];
            for (int i = 0; i < 10; i++)
            {
                long before = Clock.UnixNowNs();
                client.Send(new byte[100]);
                int received = 0;
                long rxNs = 0;
                while (received < 100)
                {
                    int n = receiver.Receive(server, buffer, out rxNs, timeoutMs: 2000);
                    Assert.True(n > 0, $"receive failed: errno {receiver.LastErrno}");
                    received += n;
                }
                long after = Clock.UnixNowNs();
                Assert.InRange(rxNs, before, after + 100);
            }
            Assert.Equal(TimestampSource.Software, receiver.ObservedSource);
        }
    }

    [Fact]
    public void Tcp_tx_stamp_ids_count_bytes()
    {
        var (client, server) = Connect();
        using (client)
        using (server)
        {
            client.NoDelay = true;
            var status = SocketTimestamping.Enable(client, new TimestampRequest { Receive = false });
            Assert.Equal(TimestampSource.Software, status.Tx);
            using var reader = new TxTimestampReader(client);

            client.Send(new byte[100]);
            var first = Next(reader);
            client.Send(new byte[50]);
            var second = Next(reader);

            Assert.Equal(99u, first.Id);
            Assert.Equal(149u, second.Id);
            Assert.Equal(TxTimestampKind.Sent, second.Kind);
            Assert.True(second.UnixNs >= first.UnixNs);
        }
    }

    [Fact]
    public void Tcp_receive_returns_zero_at_end_of_stream_and_times_out_otherwise()
    {
        var (client, server) = Connect();
        using (server)
        using (var receiver = new TimestampedTcpReceive())
        {
            Assert.Equal(-1, receiver.Receive(server, new byte[16], out _, timeoutMs: 20));
            Assert.Equal(110, receiver.LastErrno);
            client.Shutdown(SocketShutdown.Both);
            client.Dispose();
            Assert.Equal(0, receiver.Receive(server, new byte[16], out _, timeoutMs: 2000));
        }
    }

    private static TxTimestamp Next(TxTimestampReader reader)
    {
        long deadline = Environment.TickCount64 + 2000;
        while (Environment.TickCount64 < deadline)
        {
            if (reader.TryRead(out TxTimestamp stamp))
                return stamp;
            Thread.Sleep(1);
        }
        throw new TimeoutException("no TX stamp");
    }

    private static (Socket Client, Socket Server) Connect()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        var server = listener.Accept();
        return (client, server);
    }
}
