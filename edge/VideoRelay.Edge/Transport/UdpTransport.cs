using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using VideoRelay.Core.Net;

namespace VideoRelay.Edge.Transport;

/// <summary>
/// The edge's single UDP socket: one receive thread hands every datagram to the handler; any thread may send.
/// Receive (recvmsg, with the kernel's receive timestamp) goes through <see cref="TimestampedUdp"/>; sends go out in
/// batches with sendmmsg (<see cref="UdpBatch"/>), serialised so the kernel's per-datagram ids for transmit
/// timestamps stay in step with ours. Neither allocates per datagram.
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
    private readonly UdpBatch _controlBatch = new();
    private readonly int _fd;
    private uint _nextSendId;
    private long _syscalls;
    private long _bytesSent;
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
        _fd = (int)_socket.SafeHandle.DangerousGetHandle();
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

    /// <summary>
    /// Sends one datagram (control traffic: STUN, DTLS, RTCP); returns the kernel's send id for its TX timestamp,
    /// or null when the send failed.
    /// </summary>
    public uint? Send(ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        lock (_controlBatch)
        {
            _controlBatch.Add(datagram, to);
            int sent = SendBatch(_controlBatch, out uint firstId);
            return sent == 1 ? firstId : null;
        }
    }

    /// <summary>
    /// Hands a whole batch to the kernel with sendmmsg (one system call for up to 64 datagrams) and empties it.
    /// Sends on this socket are serialised so the kernel's per-datagram ids (SOF_TIMESTAMPING_OPT_ID) match our
    /// count: datagram i of the batch has id <paramref name="firstId"/> + i. Returns how many were sent.
    /// </summary>
    public unsafe int SendBatch(UdpBatch batch, out uint firstId)
    {
        int total = batch.Count, sent = 0, failed = 0;
        lock (_sendLock)
        {
            firstId = _nextSendId;
            while (sent + failed < total && !_stopping)
            {
                int n = SendMmsgNative.SendMmsg(_fd, batch.Messages + sent + failed, (uint)(total - sent - failed),
                    SendMmsgNative.MSG_DONTWAIT | SendMmsgNative.MSG_NOSIGNAL);
                if (n > 0)
                {
                    sent += n;
                    _nextSendId += (uint)n;
                    continue;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno == SendMmsgNative.EINTR)
                {
                    continue;
                }
                if (errno == SendMmsgNative.EAGAIN)
                {
                    var pfd = new SendMmsgNative.PollFd { Fd = _fd, Events = SendMmsgNative.POLLOUT };
                    SendMmsgNative.Poll(&pfd, 1, 5); // send buffer full: wait briefly for room
                    continue;
                }
                // This datagram failed (e.g. ECONNREFUSED reported from an earlier ICMP): skip it, send the rest.
                failed++;
            }
            Interlocked.Increment(ref _syscalls);
        }
        Interlocked.Add(ref _sent, sent);
        if (sent > 0)
        {
            long bytes = 0;
            for (int i = 0; i < sent; i++)
            {
                bytes += (long)batch.Messages[i].Header.Iov->Length;
            }
            Interlocked.Add(ref _bytesSent, bytes);
        }
        Interlocked.Add(ref _sendErrors, failed);
        batch.Clear();
        return sent; // ids stay in step: a failed datagram consumed no id
    }

    /// <summary>Bytes of every datagram sent (bitrate out = its rate).</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>sendmmsg calls made (Sent / Syscalls = datagrams per call).</summary>
    public long Syscalls => Interlocked.Read(ref _syscalls);

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
            if (_stopping)
            {
                return;
            }
            _stopping = true;
        }
        if (_receiver.IsAlive)
        {
            _receiver.Join(TimeSpan.FromSeconds(2));
        }
        _io.Dispose();
        _socket.Dispose();
        lock (_controlBatch)
        {
            _controlBatch.Dispose();
        }
    }
}
