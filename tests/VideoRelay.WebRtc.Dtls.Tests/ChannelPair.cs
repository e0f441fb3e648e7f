namespace VideoRelay.WebRtc.Dtls.Tests;

/// <summary>Two channels wired back to back in memory: what one sends, the other receives. No sockets.</summary>
internal sealed class ChannelPair : IDisposable
{
    public ChannelPair(
        Func<ReadOnlySpan<byte>, bool>? clientToServerFilter = null,
        Func<ReadOnlySpan<byte>, bool>? serverToClientFilter = null,
        int sendLimit = DtlsDatagramChannel.DefaultSendLimit,
        int capacity = DtlsDatagramChannel.DefaultCapacity)
    {
        DtlsDatagramChannel? server = null;
        Client = new DtlsDatagramChannel(d =>
        {
            if (clientToServerFilter is null || clientToServerFilter(d))
            {
                LargestClientDatagram = Math.Max(LargestClientDatagram, d.Length);
                server!.TryDeliver(d);
            }
        }, ClientCounters, sendLimit: sendLimit, capacity: capacity);
        server = new DtlsDatagramChannel(d =>
        {
            if (serverToClientFilter is null || serverToClientFilter(d))
            {
                LargestServerDatagram = Math.Max(LargestServerDatagram, d.Length);
                Client.TryDeliver(d);
            }
        }, ServerCounters, sendLimit: sendLimit, capacity: capacity);
        Server = server;
    }

    public int LargestClientDatagram { get; private set; }

    public int LargestServerDatagram { get; private set; }

    public DtlsCounters ClientCounters { get; } = new();

    public DtlsCounters ServerCounters { get; } = new();

    public DtlsDatagramChannel Client { get; }

    public DtlsDatagramChannel Server { get; }

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
    }
}
