using System.Net.Sockets;
using System.Runtime.InteropServices;
using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>
/// Drains a socket's error queue (recvmsg with MSG_ERRQUEUE | MSG_DONTWAIT, never blocks) for the TX
/// timestamps the kernel loops back when SOF_TIMESTAMPING_TX_* and OPT_ID are on. Works for UDP and TCP.
/// Allocates nothing per call. One thread at a time per reader; the kernel queue itself may be read by
/// several readers (each stamp goes to exactly one).
/// </summary>
/// <remarks>
/// Error-queue entries that are not timestamps (ICMP errors when IP_RECVERR is on) are consumed and
/// counted in <see cref="NonTimestampMessages"/>. The queue is charged to the socket's receive buffer:
/// if nobody drains it the kernel stops queueing stamps (they are lost, the data path is not).
/// </remarks>
public sealed unsafe class TxTimestampReader : IDisposable
{
    private readonly SocketDescriptor _descriptor;
    private readonly MessageBlock _block = new();
    private long _read;
    private long _nonTimestamp;
    private int _disposed;

    public TxTimestampReader(Socket socket) => _descriptor = new SocketDescriptor(socket);

    /// <summary>Stamps returned since creation.</summary>
    public long Read => _read;

    /// <summary>Error-queue messages that carried no usable timestamp.</summary>
    public long NonTimestampMessages => _nonTimestamp;

    /// <summary>errno of the last failed recvmsg (EAGAIN when the queue was simply empty).</summary>
    public int LastErrno { get; private set; }

    /// <summary>Takes the next TX stamp if one is queued.</summary>
    public bool TryRead(out TxTimestamp stamp)
    {
        if (_disposed != 0)
            ThrowHelper.ObjectDisposed(nameof(TxTimestampReader));
        while (true)
        {
            _block.Prepare(_block.Scratch, MessageBlock.ScratchCapacity, MessageBlock.NameCapacity, withControl: true);
            nint n = MessageNative.recvmsg(_descriptor.Fd, _block.Header, MessageNative.MSG_ERRQUEUE | MessageNative.MSG_DONTWAIT);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno == Errno.EINTR)
                    continue;
                LastErrno = errno;
                stamp = default;
                return false;
            }
            if (KernelTimestampParser.TryReadTransmit(_block.ReceivedControl, out stamp))
            {
                _read++;
                return true;
            }
            _nonTimestamp++;
        }
    }

    /// <summary>The classic pair: the OPT_ID key and the kernel's transmit time in Unix ns.</summary>
    public bool TryRead(out uint sendId, out long kernelTxUnixNs)
    {
        bool ok = TryRead(out TxTimestamp stamp);
        sendId = stamp.Id;
        kernelTxUnixNs = stamp.UnixNs;
        return ok;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _block.Dispose();
        _descriptor.Dispose();
    }
}
