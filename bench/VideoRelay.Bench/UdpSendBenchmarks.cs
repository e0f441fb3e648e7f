using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;

namespace VideoRelay.Bench;

/// <summary>
/// For scale beside the per-viewer CPU work: one <c>sendto</c> of a 1,200-byte datagram to a loopback UDP socket
/// with the allocation-free <see cref="SocketAddress"/> overload, which is how the edge's UdpTransport sends today
/// (one system call per packet, no sendmmsg/GSO batching yet). The receiver never reads, so once its buffer is
/// full the kernel drops at the receiving socket; the sender still pays the whole send path.
/// </summary>
[MemoryDiagnoser]
public class UdpSendBenchmarks
{
    private Socket _sender = null!;
    private Socket _receiver = null!;
    private SocketAddress _to = null!;
    private byte[] _datagram = null!;

    [GlobalSetup]
    public void Setup()
    {
        _receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        _sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _to = _receiver.LocalEndPoint!.Serialize();
        _datagram = GC.AllocateArray<byte>(1200, pinned: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
    }

    [Benchmark]
    public int SendTo1200Loopback() => _sender.SendTo(_datagram, SocketFlags.None, _to);
}
