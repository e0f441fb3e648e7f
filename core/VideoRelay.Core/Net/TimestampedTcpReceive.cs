using System.Net.Sockets;
using System.Runtime.InteropServices;
using VideoRelay.Core.Net.Interop;

namespace VideoRelay.Core.Net;

/// <summary>
/// recv on a TCP socket through recvmsg so the kernel's receive timestamp comes along. Allocates nothing
/// per call; one receiving thread per instance (one instance may serve several sockets in turn).
/// </summary>
/// <remarks>
/// What the stamp means for a byte stream: Linux reports, with the data of each recvmsg, the stamp of the
/// most recent segment (skb) that the call copied from (tcp_recv_timestamp). So a read that spans several
/// segments gets the latest one's arrival — for "when did this frame's last byte arrive" that is exactly
/// the right number. TX stamps on TCP (SOF_TIMESTAMPING_OPT_ID) key on bytes, not sends: the id of a
/// stamp is the offset of the send's last byte counted from when timestamping was enabled (first send of
/// 100 bytes → id 99, then 50 more → 149); read them with <see cref="TxTimestampReader"/>.
/// </remarks>
public sealed unsafe class TimestampedTcpReceive : IDisposable
{
    private readonly MessageBlock _block = new();
    private int _disposed;

    /// <summary>errno of the last failed call (ETIMEDOUT on timeout).</summary>
    public int LastErrno { get; private set; }

    /// <summary>Source of the last stamp seen.</summary>
    public TimestampSource ObservedSource { get; private set; }

    /// <summary>Reads what is available (at least one byte), waiting up to <paramref name="timeoutMs"/>.</summary>
    /// <param name="kernelRxUnixNs">Kernel receive time (Unix ns) of the newest segment read; 0 if none.</param>
    /// <returns>Bytes read; 0 at end of stream; -1 on error or timeout (see <see cref="LastErrno"/>).</returns>
    public int Receive(Socket socket, Span<byte> buffer, out long kernelRxUnixNs, int timeoutMs = Timeout.Infinite)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (_disposed != 0)
            ThrowHelper.ObjectDisposed(nameof(TimestampedTcpReceive));
        kernelRxUnixNs = 0;
        if (buffer.IsEmpty)
            return 0;
        SafeSocketHandle handle = socket.SafeHandle;
        bool added = false;
        handle.DangerousAddRef(ref added);
        try
        {
            int fd = (int)handle.DangerousGetHandle();
            long deadline = 0;
            bool waited = false;
            fixed (byte* data = buffer)
            {
                while (true)
                {
                    _block.Prepare(data, buffer.Length, 0, withControl: true);
                    nint n = MessageNative.recvmsg(fd, _block.Header, MessageNative.MSG_DONTWAIT);
                    if (n >= 0)
                    {
                        if (KernelTimestampParser.TryReadReceive(_block.ReceivedControl, out kernelRxUnixNs, out var source))
                            ObservedSource = source;
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
                        deadline = SocketWait.Deadline(timeoutMs);
                        waited = true;
                    }
                    int events = SocketWait.Wait(fd, MessageNative.POLLIN, deadline);
                    if (events <= 0 || (events & MessageNative.POLLNVAL) != 0)
                    {
                        LastErrno = events == 0 ? Errno.ETIMEDOUT : events < 0 ? -events : Errno.EBADF;
                        return -1;
                    }
                    // POLLERR with TX stamps queued would spin here: TCP senders drain them with TxTimestampReader.
                    if ((events & (MessageNative.POLLIN | MessageNative.POLLHUP)) == 0 && (events & MessageNative.POLLERR) != 0)
                        Thread.Yield();
                }
            }
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            _block.Dispose();
    }
}
