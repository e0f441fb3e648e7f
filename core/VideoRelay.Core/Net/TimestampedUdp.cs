using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using VideoRelay.Core.Net.Interop;
using VideoRelay.Core.Queues;

namespace VideoRelay.Core.Net;

/// <summary>
/// Receive and send on an existing bound UDP <see cref="Socket"/> through recvmsg/sendmsg, returning the
/// kernel's receive timestamp of each datagram and the OPT_ID key of each send, whose transmit timestamp
/// comes back later through <see cref="TryReadTxTimestamp(out uint, out long)"/>. Nothing is allocated per
/// packet: each direction has a preallocated native msghdr/iovec/sockaddr/control block and the caller's
/// span is pinned for the call only.
/// </summary>
/// <remarks>
/// Threads: one thread receives, one thread sends, one thread reads TX stamps (it may be the sender).
/// Calls are made with MSG_DONTWAIT and fall back to poll() only when the queue is empty, so they behave
/// the same whether .NET has the descriptor in blocking or non-blocking mode, and honour a timeout.
/// While TX stamps wait in the error queue, poll() reports POLLERR at once; so a waiting
/// <see cref="Receive"/> moves those stamps into a bounded ring (receiver → TX-stamp reader, SPSC)
/// instead of spinning. <see cref="TryReadTxTimestamp(out TxTimestamp)"/> reads that ring first.
/// Send ids: the kernel numbers datagrams from 0 when OPT_ID is set and, on a failed send, gives the number
/// back (kernel ≥ 6.8); so ids here count successful sends — send every datagram of this socket through
/// this object, or the ids drift.
/// Errors never throw: a call returns -1 and sets <see cref="LastErrno"/> (ETIMEDOUT on timeout).
/// </remarks>
[DebuggerDisplay("UDP fd {_descriptor.Fd}: rx {Received}, tx {Sent}, rx source {ObservedRxSource}")]
public sealed unsafe class TimestampedUdp : IDisposable
{
    private const int PendingTxCapacity = 1024;

    private readonly SocketDescriptor _descriptor;
    private readonly MessageBlock _rx = new();
    private readonly MessageBlock _tx = new();
    private readonly TxTimestampReader _txReader;
    private readonly TxTimestampReader _txDrainer;
    private readonly SpscRing<TxTimestamp> _pendingTx = new(PendingTxCapacity);
    private uint _nextSendId;
    private long _received;
    private long _sent;
    private long _truncated;
    private long _controlTruncated;
    private long _unstamped;
    private long _txStampsDropped;
    private int _disposed;

    /// <summary>Wraps a bound socket; timestamping is enabled with <paramref name="request"/> when given.</summary>
    public TimestampedUdp(Socket socket, TimestampRequest? request = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.SocketType != SocketType.Dgram)
            throw new ArgumentException("TimestampedUdp needs a datagram socket.", nameof(socket));
        _descriptor = new SocketDescriptor(socket);
        _txReader = new TxTimestampReader(socket);
        _txDrainer = new TxTimestampReader(socket);
        Status = request is null ? SocketTimestamping.Describe(socket) : SocketTimestamping.Enable(socket, request);
    }

    /// <summary>What <see cref="SocketTimestamping.Enable"/> reported (or what the socket had when wrapped).</summary>
    public TimestampingStatus Status { get; }

    /// <summary>Source of the last stamped datagram: confirms <see cref="Status"/> from real packets.</summary>
    public TimestampSource ObservedRxSource { get; private set; }

    /// <summary>Source of the last TX stamp read.</summary>
    public TimestampSource ObservedTxSource { get; private set; }

    public int LastErrno { get; private set; }

    public long Received => _received;
    public long Sent => _sent;

    /// <summary>Datagrams larger than the caller's buffer (cut).</summary>
    public long Truncated => _truncated;

    /// <summary>recvmsg calls whose control data did not fit (MSG_CTRUNC).</summary>
    public long ControlTruncated => _controlTruncated;

    /// <summary>Datagrams that arrived without a kernel stamp.</summary>
    public long Unstamped => _unstamped;

    /// <summary>TX stamps a waiting receive moved off the error queue, not yet read.</summary>
    internal int PendingTxStamps => _pendingTx.Count;

    /// <summary>TX stamps dropped because the pending ring was full (nobody read them).</summary>
    public long TxStampsDropped => _txStampsDropped;

    /// <summary>
    /// Receives one datagram, waiting up to <paramref name="timeoutMs"/> (-1: forever).
    /// </summary>
    /// <param name="from">Filled with the sender's address (native sockaddr, as .NET's SocketAddress holds it).</param>
    /// <param name="kernelRxUnixNs">The kernel's receive time in Unix ns, 0 when the datagram had none.</param>
    /// <returns>Bytes received, or -1 (see <see cref="LastErrno"/>).</returns>
    public int Receive(Span<byte> buffer, SocketAddress from, out long kernelRxUnixNs, int timeoutMs = Timeout.Infinite)
    {
        long deadline = 0;
        bool waited = false;
        while (true)
        {
            int n = ReceiveOnce(buffer, from, out kernelRxUnixNs);
            if (n >= 0 || LastErrno != Errno.EAGAIN)
                return n;
            if (!waited)
            {
                deadline = SocketWait.Deadline(timeoutMs);
                waited = true;
            }
            int events = SocketWait.Wait(_descriptor.Fd, MessageNative.POLLIN, deadline);
            if (events <= 0)
            {
                LastErrno = events == 0 ? Errno.ETIMEDOUT : -events;
                return -1;
            }
            if ((events & MessageNative.POLLNVAL) != 0)
            {
                LastErrno = Errno.EBADF;
                return -1;
            }
            if ((events & (MessageNative.POLLIN | MessageNative.POLLERR)) == MessageNative.POLLERR)
                DrainErrorQueue();
        }
    }

    /// <summary>Receives one datagram if one is waiting; never blocks.</summary>
    public bool TryReceive(Span<byte> buffer, SocketAddress from, out int received, out long kernelRxUnixNs)
    {
        received = ReceiveOnce(buffer, from, out kernelRxUnixNs);
        return received >= 0;
    }

    /// <summary>Sends one datagram to <paramref name="to"/>.</summary>
    /// <param name="sendId">The OPT_ID key its TX stamp will carry.</param>
    /// <returns>Bytes sent, or -1 (see <see cref="LastErrno"/>).</returns>
    public int Send(ReadOnlySpan<byte> datagram, SocketAddress to, out uint sendId)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (_disposed != 0)
            ThrowHelper.ObjectDisposed(nameof(TimestampedUdp));
        sendId = _nextSendId;
        Span<byte> name = to.Buffer.Span[..to.Size];
        long deadline = 0;
        bool waited = false;
        fixed (byte* data = datagram)
        fixed (byte* address = name)
        {
            while (true)
            {
                _tx.Prepare(data, datagram.Length, 0, withControl: false);
                _tx.Header->Name = address;
                _tx.Header->NameLength = (uint)name.Length;
                nint n = MessageNative.sendmsg(_descriptor.Fd, _tx.Header, MessageNative.MSG_DONTWAIT | MessageNative.MSG_NOSIGNAL);
                if (n >= 0)
                {
                    _nextSendId++;
                    _sent++;
                    return (int)n;
                }
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                    continue;
                if (errno != Errno.EAGAIN)
                {
                    LastErrno = errno;
                    return -1;
                }
                if (!waited)
                {
                    deadline = SocketWait.Deadline(Timeout.Infinite);
                    waited = true;
                }
                int events = SocketWait.Wait(_descriptor.Fd, MessageNative.POLLOUT, deadline);
                if (events < 0 || (events & MessageNative.POLLNVAL) != 0)
                {
                    LastErrno = events < 0 ? -events : Errno.EBADF;
                    return -1;
                }
            }
        }
    }

    /// <summary>Takes the next TX stamp (non-blocking): the send's id and the kernel's transmit time in Unix ns.</summary>
    public bool TryReadTxTimestamp(out uint sendId, out long kernelTxUnixNs)
    {
        bool ok = TryReadTxTimestamp(out TxTimestamp stamp);
        sendId = stamp.Id;
        kernelTxUnixNs = stamp.UnixNs;
        return ok;
    }

    /// <summary>Takes the next TX stamp with its source and kind (non-blocking).</summary>
    public bool TryReadTxTimestamp(out TxTimestamp stamp)
    {
        if (!_pendingTx.TryDequeue(out stamp) && !_txReader.TryRead(out stamp))
            return false;
        ObservedTxSource = stamp.Source;
        return true;
    }

    private int ReceiveOnce(Span<byte> buffer, SocketAddress from, out long kernelRxUnixNs)
    {
        ArgumentNullException.ThrowIfNull(from);
        if (_disposed != 0)
            ThrowHelper.ObjectDisposed(nameof(TimestampedUdp));
        kernelRxUnixNs = 0;
        fixed (byte* data = buffer)
        {
            nint n;
            do
            {
                _rx.Prepare(data, buffer.Length, MessageBlock.NameCapacity, withControl: true);
                n = MessageNative.recvmsg(_descriptor.Fd, _rx.Header, MessageNative.MSG_DONTWAIT);
            }
            while (n < 0 && Marshal.GetLastPInvokeError() == Errno.EINTR);
            if (n < 0)
            {
                LastErrno = Marshal.GetLastPInvokeError();
                return -1;
            }
            var header = _rx.Header;
            if ((header->Flags & MessageNative.MSG_TRUNC) != 0)
                _truncated++;
            if ((header->Flags & MessageNative.MSG_CTRUNC) != 0)
                _controlTruncated++;
            int nameLength = (int)Math.Min(header->NameLength, (uint)MessageBlock.NameCapacity);
            Span<byte> target = from.Buffer.Span;
            if (nameLength > target.Length)
                NetThrowHelper.AddressTooSmall(nameof(from), nameLength);
            new ReadOnlySpan<byte>(_rx.Name, nameLength).CopyTo(target);
            from.Size = nameLength;
            if (KernelTimestampParser.TryReadReceive(_rx.ReceivedControl, out kernelRxUnixNs, out var source))
                ObservedRxSource = source;
            else
                _unstamped++;
            _received++;
            return (int)n;
        }
    }

    private void DrainErrorQueue()
    {
        while (_txDrainer.TryRead(out TxTimestamp stamp))
        {
            if (!_pendingTx.TryEnqueue(stamp))
                _txStampsDropped++;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _txReader.Dispose();
        _txDrainer.Dispose();
        _rx.Dispose();
        _tx.Dispose();
        _descriptor.Dispose();
    }
}
