using VideoRelay.Edge.Transport;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;

namespace VideoRelay.Bench;

/// <summary>
/// For scale beside the per-viewer CPU work, the cost per 1,200-byte datagram sent to a loopback UDP socket: one
/// <c>sendto</c> per datagram (the allocation-free <see cref="SocketAddress"/> overload, how the edge sent before it
/// batched), and one <c>sendmmsg</c> per 64 datagrams (how the edge's UdpBatch sends now). The receiver never reads,
/// so once its buffer is full the kernel drops at the receiving socket; the sender still pays the whole send path.
/// </summary>
[MemoryDiagnoser]
public unsafe class UdpSendBenchmarks
{
    private const int Batch = 64;
    private SendMmsgNative.MMsgHdr* _messages;
    private SendMmsgNative.IoVec* _iov;
    private byte* _slots;
    private byte* _name;
    private int _fd;
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

        _fd = (int)_sender.SafeHandle.DangerousGetHandle();
        _name = (byte*)NativeMemory.AlignedAlloc((nuint)_to.Size, 64);
        _to.Buffer.Span[.._to.Size].CopyTo(new Span<byte>(_name, _to.Size));
        _slots = (byte*)NativeMemory.AlignedAlloc(Batch * 1536, 64);
        _iov = (SendMmsgNative.IoVec*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(SendMmsgNative.IoVec)));
        _messages = (SendMmsgNative.MMsgHdr*)NativeMemory.AllocZeroed((nuint)(Batch * sizeof(SendMmsgNative.MMsgHdr)));
        for (int i = 0; i < Batch; i++)
        {
            _iov[i].Base = _slots + i * 1536;
            _iov[i].Length = 1200;
            _messages[i].Header.Name = _name;
            _messages[i].Header.NameLength = (uint)_to.Size;
            _messages[i].Header.Iov = &_iov[i];
            _messages[i].Header.IovLength = 1;
        }
        if (SendMmsg64Loopback() != Batch)
        {
            throw new InvalidOperationException($"sendmmsg did not take all 64 datagrams: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sender.Dispose();
        _receiver.Dispose();
        NativeMemory.AlignedFree(_name);
        NativeMemory.AlignedFree(_slots);
        NativeMemory.Free(_iov);
        NativeMemory.Free(_messages);
    }

    [Benchmark(Baseline = true)]
    public int SendTo1200Loopback() => _sender.SendTo(_datagram, SocketFlags.None, _to);

    /// <summary>Time per datagram of one sendmmsg carrying 64 (what the kernel accepted; 64 expected).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int SendMmsg64Loopback() => SendMmsgNative.SendMmsg(_fd, _messages, Batch, SendMmsgNative.MSG_DONTWAIT);
}
