using System.Diagnostics;
using Org.BouncyCastle.Tls;

namespace VideoRelay.WebRtc.Dtls.Tests;

public class DtlsDatagramChannelTests
{
    private static DatagramTransport AsTransport(DtlsDatagramChannel channel) => channel;

    [Fact]
    public void Oversized_and_empty_datagrams_are_refused_and_counted()
    {
        var counters = new DtlsCounters();
        using var channel = new DtlsDatagramChannel(_ => { }, counters, capacity: 4, maxDatagramSize: 1500);
        Assert.False(channel.TryDeliver(new byte[1501]));
        Assert.False(channel.TryDeliver(new byte[65000]));
        Assert.False(channel.TryDeliver([]));
        Assert.True(channel.TryDeliver(new byte[1500]));
        Assert.Equal(3, counters.DatagramsDroppedOversized);
        Assert.Equal(1, counters.DatagramsDelivered);
        Assert.Equal(1, channel.QueuedCount);
    }

    [Fact]
    public void Full_queue_drops_and_counts()
    {
        var counters = new DtlsCounters();
        using var channel = new DtlsDatagramChannel(_ => { }, counters, capacity: 4);
        for (int i = 0; i < 4; i++)
        {
            Assert.True(channel.TryDeliver([(byte)i, 1, 2]));
        }
        Assert.False(channel.TryDeliver([9, 9, 9]));
        Assert.Equal(1, counters.DatagramsDroppedQueueFull);
        Assert.Equal(4, counters.DatagramsDelivered);

        byte[] buffer = new byte[100];
        Assert.Equal(3, AsTransport(channel).Receive(buffer, 0, buffer.Length, 10));
        Assert.Equal(0, buffer[0]);
        Assert.True(channel.TryDeliver([4, 1, 2]));
    }

    [Fact]
    public void Receive_returns_datagrams_in_order_with_their_exact_bytes()
    {
        using var channel = new DtlsDatagramChannel(_ => { }, capacity: 4);
        DatagramTransport transport = channel;
        byte[] buffer = new byte[2000];
        for (int round = 0; round < 10; round++) // several laps of the ring
        {
            byte[] first = [(byte)round, 20, 30];
            byte[] second = new byte[1200];
            second.AsSpan().Fill((byte)(round + 1));
            Assert.True(channel.TryDeliver(first));
            Assert.True(channel.TryDeliver(second));
            Assert.Equal(3, transport.Receive(buffer.AsSpan(), 100));
            Assert.Equal(first, buffer[..3]);
            Assert.Equal(1200, transport.Receive(buffer, 0, buffer.Length, 100));
            Assert.Equal(second, buffer[..1200]);
        }
        Assert.False(channel.HasPending);
    }

    [Fact]
    public void Receive_times_out_with_minus_one_after_the_requested_wait()
    {
        using var channel = new DtlsDatagramChannel(_ => { });
        DatagramTransport transport = channel;
        var watch = Stopwatch.StartNew();
        Assert.Equal(-1, transport.Receive(new byte[100], 0, 100, 100));
        Assert.InRange(watch.ElapsedMilliseconds, 90, 2000);
    }

    [Fact]
    public async Task Delivery_wakes_a_blocked_receive()
    {
        using var channel = new DtlsDatagramChannel(_ => { });
        DatagramTransport transport = channel;
        Task<int> receive = Task.Factory.StartNew(() => transport.Receive(new byte[100], 0, 100, 0), TaskCreationOptions.LongRunning);
        await Task.Delay(50);
        Assert.False(receive.IsCompleted);
        var watch = Stopwatch.StartNew();
        Assert.True(channel.TryDeliver([1, 2, 3, 4, 5]));
        Assert.Equal(5, await receive.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Close_unblocks_a_receive_waiting_without_limit()
    {
        using var channel = new DtlsDatagramChannel(_ => { });
        DatagramTransport transport = channel;
        Task<int> receive = Task.Factory.StartNew(() => transport.Receive(new byte[100], 0, 100, 0), TaskCreationOptions.LongRunning);
        await Task.Delay(50);
        channel.Close();
        await Assert.ThrowsAsync<DtlsChannelClosedException>(() => receive.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(channel.TryDeliver([1, 2, 3]));
    }

    [Fact]
    public void Datagram_larger_than_the_readers_buffer_is_dropped_not_truncated()
    {
        var counters = new DtlsCounters();
        using var channel = new DtlsDatagramChannel(_ => { }, counters);
        DatagramTransport transport = channel;
        Assert.True(channel.TryDeliver(new byte[500]));
        Assert.True(channel.TryDeliver([7, 7]));
        byte[] small = new byte[100];
        Assert.Equal(2, transport.Receive(small, 0, small.Length, 10));
        Assert.Equal(1, counters.DatagramsDroppedOversized);
    }

    [Fact]
    public void Send_goes_to_the_callback_until_closed_and_limits_are_reported()
    {
        var sent = new List<byte[]>();
        using var channel = new DtlsDatagramChannel(d => sent.Add(d.ToArray()), maxDatagramSize: 1400, sendLimit: 1200);
        DatagramTransport transport = channel;
        Assert.Equal(1200, transport.GetSendLimit());
        Assert.Equal(1400, transport.GetReceiveLimit());
        transport.Send([1, 2, 3], 1, 2);
        transport.Send([4, 5]);
        channel.Close();
        transport.Send([6]);
        Assert.Equal(2, sent.Count);
        Assert.Equal(new byte[] { 2, 3 }, sent[0]);
        Assert.Equal(new byte[] { 4, 5 }, sent[1]);
    }

    [Fact]
    public void Constructor_checks_its_bounds()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsDatagramChannel(_ => { }, capacity: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsDatagramChannel(_ => { }, capacity: 2048));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsDatagramChannel(_ => { }, maxDatagramSize: 70000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsDatagramChannel(_ => { }, sendLimit: 100));
    }

    [Fact]
    public async Task Concurrent_producer_and_consumer_lose_nothing_that_was_accepted()
    {
        using var channel = new DtlsDatagramChannel(_ => { }, capacity: 8, maxDatagramSize: 64);
        DatagramTransport transport = channel;
        const int total = 20000;
        var accepted = new List<int>();
        Task producer = Task.Factory.StartNew(() =>
        {
            Span<byte> datagram = stackalloc byte[8];
            for (int i = 0; i < total; i++)
            {
                BitConverter.TryWriteBytes(datagram, i);
                BitConverter.TryWriteBytes(datagram[4..], ~i);
                while (!channel.TryDeliver(datagram))
                {
                    Thread.Yield();
                }
                accepted.Add(i);
            }
        }, TaskCreationOptions.LongRunning);

        byte[] buffer = new byte[64];
        for (int expected = 0; expected < total; expected++)
        {
            Assert.Equal(8, transport.Receive(buffer, 0, buffer.Length, 5000));
            Assert.Equal(expected, BitConverter.ToInt32(buffer, 0));
            Assert.Equal(~expected, BitConverter.ToInt32(buffer, 4));
        }
        await producer;
        Assert.Equal(total, accepted.Count);
    }
}
