using System.Net;
using System.Net.Sockets;

namespace VideoRelay.WebRtc.Dtls.Tests;

/// <summary>The same handshake over two real UDP sockets on 127.0.0.1: the socket path the edge uses.</summary>
public class DtlsLoopbackUdpTests
{
    [Fact]
    public async Task Handshake_over_loopback_udp_sockets_exports_identical_keys()
    {
        using var serverSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        using var clientSocket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        serverSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        clientSocket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        EndPoint serverAddress = serverSocket.LocalEndPoint!;
        EndPoint clientAddress = clientSocket.LocalEndPoint!;

        var counters = new DtlsCounters();
        using var serverChannel = new DtlsDatagramChannel(d => serverSocket.SendTo(d, SocketFlags.None, clientAddress), counters);
        using var clientChannel = new DtlsDatagramChannel(d => clientSocket.SendTo(d, SocketFlags.None, serverAddress), counters);
        using var stop = new CancellationTokenSource();
        Task serverPump = PumpAsync(serverSocket, serverChannel, stop.Token);
        Task clientPump = PumpAsync(clientSocket, clientChannel, stop.Token);

        Task<DtlsSrtpResult> server = DtlsSrtpEndpoint.AcceptAsync(
            TestCertificates.Edge, TestCertificates.Browser.Sha256, serverChannel, TestCertificates.Timeout);
        Task<DtlsSrtpResult> client = DtlsSrtpEndpoint.ConnectAsync(
            TestCertificates.Browser, TestCertificates.Edge.Sha256, clientChannel, TestCertificates.Timeout);
        using DtlsSrtpResult clientResult = await client;
        using DtlsSrtpResult serverResult = await server;

        Assert.Equal(clientResult.KeyingMaterial, serverResult.KeyingMaterial);
        Assert.Equal(DtlsSrtpProfile.AeadAes128Gcm, serverResult.SrtpProfileId);
        Assert.Equal(2, counters.HandshakesSucceeded);
        Assert.Equal(0, counters.DatagramsDroppedQueueFull);

        // close_notify travels over the socket too.
        clientResult.Dispose();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (serverResult.ProcessIncoming() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
        Assert.False(serverResult.IsOpen);

        await stop.CancelAsync();
        await Task.WhenAll(serverPump, clientPump);
    }

    /// <summary>The edge's receive loop in miniature: one socket, every datagram handed to the channel.</summary>
    private static Task PumpAsync(Socket socket, DtlsDatagramChannel channel, CancellationToken cancellationToken) =>
        Task.Run(async () =>
        {
            byte[] buffer = new byte[2048];
            try
            {
                while (true)
                {
                    int received = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cancellationToken);
                    channel.TryDeliver(buffer.AsSpan(0, received));
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, CancellationToken.None);
}
