using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Edge.Fanout;
using VideoRelay.Edge.Sessions;
using VideoRelay.Edge.Transport;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Srtp;

namespace VideoRelay.Edge.Tests;

/// <summary>
/// The per-viewer half of the fan-out — header rewrite, header extensions, SRTP protect, send — allocates nothing
/// in steady state. Driven directly on this thread (the fan-out thread itself is not reachable to measure).
/// </summary>
public class FanoutAllocationTests
{
    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    public void ViewerSender_sends_without_allocating(SrtpProfile profile)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var udp = new UdpTransport(new IPEndPoint(IPAddress.Loopback, 0), new IgnoreDatagrams(), NullLogger.Instance);
        using var sender = new ViewerSender(udp, zeroPlayoutDelay: true);
        var media = new ViewerMedia(102, 111, TransportCcExtensionId: 4, PlayoutDelayExtensionId: 5, AbsSendTimeExtensionId: 2, "ufrag", "password", new byte[32]);
        using var stream = new TestStream("alloc", TestMedia.VideoConfig);
        var viewer = new ViewerSession("alloc", stream, 0, false, media, IceCredentials.Generate());
        byte[] keys = RandomNumberGenerator.GetBytes(DtlsSrtpKeyMaterial.GetLength(profile));
        Assert.True(SrtpSession.TryCreate(keys, profile, DtlsSrtpRole.Server, out SrtpSession? srtp));
        using SrtpSession _ = srtp;
        viewer.Srtp = srtp;
        Assert.True(viewer.TrySetRemote(((IPEndPoint)sink.LocalEndPoint!).Serialize()));
        viewer.VideoIndexOrigin = 0;

        byte[] packet = new byte[CanonicalPacket.HeaderSize + 1100];
        RandomNumberGenerator.Fill(packet);
        CanonicalPacket.WriteHeader(packet, 0, 90000, marker: false);
        for (int i = 0; i < 2000; i++)
        {
            Assert.True(sender.SendVideo(viewer, packet, i)); // warm up: JIT, SRTP stream state
            sender.SendReports(viewer);
        }
        Drain(sink);

        const int count = 20000;
        long before = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < count; i++)
        {
            sender.SendVideo(viewer, packet, 2000 + i);
            if ((i & 255) == 0)
            {
                Drain(sink);
            }
        }
        sender.SendReports(viewer);
        sender.Flush();
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(0, sender.SendFailures);
        Console.WriteLine($"ViewerSender {profile}: {count / elapsed.TotalSeconds:0} packets/s on one thread (1100-byte payloads, SRTP + sendmmsg batches of 64 on loopback, {udp.Sent / (double)udp.Syscalls:0.0} datagrams per call)");
    }

    private static readonly byte[] SinkBuffer = new byte[2048];

    private static void Drain(Socket sink)
    {
        byte[] buffer = SinkBuffer;
        while (sink.Available > 0)
        {
            sink.Receive(buffer);
        }
    }

    private sealed class IgnoreDatagrams : IDatagramHandler
    {
        public void OnDatagram(Span<byte> datagram, SocketAddress remote)
        {
        }
    }
}
