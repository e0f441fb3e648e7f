using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Net;

namespace VideoRelay.Edge.Transport;

/// <summary>
/// The edge's single UDP socket: one receive thread hands every datagram to the handler; any thread may send.
/// Receive (recvmsg, with the kernel's receive timestamp) and send (sendmsg, serialised so the kernel's per-send ids
/// for transmit timestamps stay in step) go through <see cref="TimestampedUdp"/> and allocate nothing per datagram.
/// Transmit timestamps come back on the socket's error queue; the receive thread drains them between datagrams.
/// </summary>
internal sealed class UdpTransport : IDisposable
{
    public const int MaxDatagram = 2048;

    private readonly Socket _socket;
    private readonly IDatagramHandler _handler;
    private readonly ILogger _log;
    private readonly Thread _receiver;
    private readonly TimestampedUdp _io;
    private readonly Lock _sendLock = new();
    private volatile bool _stopping;
    private long _received;
    private long _sent;
    private long _sendErrors;

    public UdpTransport(IPEndPoint bind, IDatagramHandler handler, ILogger log, bool transmitTimestamps = true)
    {
        _handler = handler;
        _log = log;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _socket.ReceiveBufferSize = 4 << 20;
        _socket.SendBufferSize = 4 << 20;
        _socket.Bind(bind);
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
        _io = new TimestampedUdp(_socket, new TimestampRequest { Receive = true, Transmit = transmitTimestamps });
        Timestamping = _io.Status;
        _receiver = new Thread(ReceiveLoop) { IsBackground = true, Name = "edge-udp-rx" };
    }

    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Which kernel timestamps this socket gets (RX and TX: hardware, software or none).</summary>
    public TimestampingStatus Timestamping { get; }

    /// <summary>Matches transmit timestamps to frames (Hop.KernelTx).</summary>
    public TxTimestampTracker TxTracker { get; } = new();
    public long Received => Interlocked.Read(ref _received);
    public long Sent => Interlocked.Read(ref _sent);
    public long SendErrors => Interlocked.Read(ref _sendErrors);

    public void Start() => _receiver.Start();

    /// <summary>Sends one datagram; returns the kernel's send id for its TX timestamp, or null when the send failed.</summary>
    public uint? Send(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        int n;
        uint id;
        lock (_sendLock)
        {
            if (_stopping)
            {
                return null;
            }
            n = _io.Send(datagram, to, out id);
        }
        if (n < 0)
        {
            Interlocked.Increment(ref _sendErrors); // e.g. ICMP port unreachable reported on a later send
            return null;
        }
        Interlocked.Increment(ref _sent);
        return id;
    }

    private void ReceiveLoop()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.Enter();
        var buffer = GC.AllocateArray<byte>(MaxDatagram, pinned: true);
        var remote = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stopping)
        {
            int n = _io.Receive(buffer, remote, out long kernelRxUnixNs, timeoutMs: 20);
            DrainTransmitTimestamps();
            if (n < 0)
            {
                if (_stopping || _io.LastErrno == 9 /* EBADF: closed */)
                {
                    return;
                }
                continue; // timeout (drain TX stamps), or a transient error such as ECONNREFUSED from an ICMP
            }
            Interlocked.Increment(ref _received);
            LastKernelRxUnixNs = kernelRxUnixNs;
            try
            {
                _handler.OnDatagram(buffer.AsSpan(0, n), remote);
            }
            catch (Exception e)
            {
                // A bug in handling one datagram must not take the port down for every viewer.
                Log.DatagramHandlerFailed(_log, e);
            }
        }
    }

    /// <summary>Kernel receive time of the datagram being handled (receive thread), 0 when unstamped.</summary>
    public long LastKernelRxUnixNs { get; private set; }

    private void DrainTransmitTimestamps()
    {
        while (_io.TryReadTxTimestamp(out uint id, out long ns))
        {
            TxTracker.OnTimestamp(id, ns);
        }
    }

    public void Dispose()
    {
        lock (_sendLock)
        {
            _stopping = true;
        }
        if (_receiver.IsAlive)
        {
            _receiver.Join(TimeSpan.FromSeconds(2));
        }
        _io.Dispose();
        _socket.Dispose();
    }
}
