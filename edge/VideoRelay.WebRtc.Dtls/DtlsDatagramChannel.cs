using System.Diagnostics;
using Org.BouncyCastle.Tls;
using VideoRelay.Core.Queues;
using VideoRelay.WebRtc.Dtls.Internal;

namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// The bridge between the edge's UDP socket and BouncyCastle's blocking DTLS engine: one per viewer
/// session. The socket thread hands each DTLS datagram (first byte 20..63, RFC 7983) to
/// <see cref="TryDeliver"/>, which copies it into a preallocated slot of a bounded queue and signals;
/// BouncyCastle's <c>Receive(…, waitMillis)</c> blocks on that signal for exactly the time it asks for.
/// Outgoing records go straight to the <see cref="DtlsSendCallback"/>.
/// </summary>
/// <remarks>
/// <para>Threads: <see cref="TryDeliver"/> may be called from any thread (calls are serialised by a lock
/// the receiving side never takes); the BouncyCastle side (handshake thread, then whoever reads the
/// <see cref="DtlsTransport"/>) is a single consumer. <see cref="Close"/> may be called from any thread
/// and wakes a blocked receive, which then throws <see cref="DtlsChannelClosedException"/>.</para>
/// <para>Limits: datagrams larger than <see cref="MaxDatagramSize"/> or arriving while the queue is full
/// are refused and counted. Records we send are sized for <see cref="SendLimit"/> (default 1200 bytes,
/// the usual WebRTC DTLS MTU budget), which BouncyCastle uses to fragment handshake messages.</para>
/// </remarks>
[DebuggerDisplay("queued={_ring.Count} closed={IsClosed}")]
public sealed class DtlsDatagramChannel : DatagramTransport, IDisposable
{
    /// <summary>Default budget for one outgoing DTLS datagram (bytes of UDP payload).</summary>
    public const int DefaultSendLimit = 1200;

    /// <summary>Default largest incoming datagram accepted (a full Ethernet MTU of UDP payload fits).</summary>
    public const int DefaultMaxDatagramSize = 1500;

    /// <summary>Default number of queued incoming datagrams (a whole handshake flight fits several times over).</summary>
    public const int DefaultCapacity = 16;

    private readonly DtlsSendCallback _send;
    private readonly DatagramRing _ring;
    private readonly SpscWaiter _waiter = new(spinIterations: 0, yieldIterations: 0);
    private readonly Lock _deliverLock = new();
    private int _closeReason;

    /// <param name="send">Sends one datagram to the peer.</param>
    /// <param name="counters">Where delivery and handshake counts go (share one per node); a private instance when null.</param>
    /// <param name="capacity">Queued incoming datagrams; a power of two between 2 and 1024.</param>
    /// <param name="maxDatagramSize">Largest incoming datagram accepted, 64..65507 bytes.</param>
    /// <param name="sendLimit">Largest outgoing datagram, 256..65507 bytes.</param>
    public DtlsDatagramChannel(
        DtlsSendCallback send,
        DtlsCounters? counters = null,
        int capacity = DefaultCapacity,
        int maxDatagramSize = DefaultMaxDatagramSize,
        int sendLimit = DefaultSendLimit)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (capacity < 2 || capacity > 1024 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "must be a power of two between 2 and 1024");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDatagramSize, 64);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDatagramSize, 65507);
        ArgumentOutOfRangeException.ThrowIfLessThan(sendLimit, 256);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sendLimit, 65507);
        _send = send;
        _ring = new DatagramRing(capacity, maxDatagramSize);
        Counters = counters ?? new DtlsCounters();
        SendLimit = sendLimit;
    }

    public DtlsCounters Counters { get; }

    /// <summary>Largest incoming datagram accepted by <see cref="TryDeliver"/>.</summary>
    public int MaxDatagramSize => _ring.SlotSize;

    /// <summary>Largest outgoing datagram (the MTU budget handed to BouncyCastle).</summary>
    public int SendLimit { get; }

    /// <summary>Number of queued incoming datagrams not yet read by the DTLS layer.</summary>
    public int QueuedCount => _ring.Count;

    /// <summary>Whether incoming datagrams are waiting for the DTLS layer.</summary>
    public bool HasPending => _ring.Count > 0;

    public bool IsClosed => Volatile.Read(ref _closeReason) != (int)ChannelCloseReason.Open;

    internal ChannelCloseReason CloseReason => (ChannelCloseReason)Volatile.Read(ref _closeReason);

    /// <summary>
    /// Socket thread: queues a copy of one incoming DTLS datagram. Returns false (and counts) when it is
    /// empty or larger than <see cref="MaxDatagramSize"/>, when the queue is full, or after close.
    /// </summary>
    public bool TryDeliver(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty || datagram.Length > _ring.SlotSize)
        {
            Counters.OnDroppedOversized();
            return false;
        }
        if (IsClosed)
        {
            return false;
        }
        bool queued;
        lock (_deliverLock)
        {
            queued = _ring.TryEnqueue(datagram);
        }
        if (!queued)
        {
            Counters.OnDroppedQueueFull();
            return false;
        }
        Counters.OnDelivered();
        _waiter.Notify();
        return true;
    }

    /// <summary>Stops the channel: a blocked receive wakes and throws, later sends are dropped. Idempotent.</summary>
    public void Close() => Abort(ChannelCloseReason.Closed);

    /// <summary>Same as <see cref="Close"/>.</summary>
    public void Dispose() => Close();

    /// <summary>Closes with a reason (the first reason recorded wins) and wakes any blocked receive.</summary>
    internal void Abort(ChannelCloseReason reason)
    {
        Debug.Assert(reason != ChannelCloseReason.Open);
        Interlocked.CompareExchange(ref _closeReason, (int)reason, (int)ChannelCloseReason.Open);
        _waiter.Notify();
        // The waiter's event is not disposed: a receiver may still be inside Wait, and
        // ManualResetEventSlim owns no kernel handle unless its WaitHandle is touched.
    }

    /// <summary>
    /// Consumer: copies the next datagram into <paramref name="buffer"/>, waiting up to
    /// <paramref name="waitMillis"/> (0 = without limit, as BouncyCastle defines it; negative = no wait).
    /// Returns the length, or -1 on timeout; throws <see cref="DtlsChannelClosedException"/> once closed.
    /// </summary>
    internal int Receive(Span<byte> buffer, int waitMillis)
    {
        long deadline = waitMillis switch
        {
            0 => long.MaxValue,
            < 0 => 0,
            _ => Environment.TickCount64 + waitMillis,
        };
        while (true)
        {
            if (IsClosed)
            {
                ThrowClosed();
            }
            int length = _ring.TryDequeue(buffer);
            if (length >= 0)
            {
                if (length <= buffer.Length)
                {
                    return length;
                }
                Counters.OnDroppedOversized(); // larger than the reader's buffer: dropped whole, never truncated
                continue;
            }
            long remaining = deadline == long.MaxValue ? int.MaxValue : deadline - Environment.TickCount64;
            if (remaining <= 0)
            {
                return -1;
            }
            _waiter.Wait(new ReadyCondition(this), (int)Math.Min(remaining, int.MaxValue));
        }
    }

    private void ThrowClosed() => throw new DtlsChannelClosedException(CloseReason switch
    {
        ChannelCloseReason.TimedOut => "The DTLS handshake timed out; its channel was closed.",
        ChannelCloseReason.Canceled => "The DTLS handshake was cancelled; its channel was closed.",
        _ => "The DTLS datagram channel was closed.",
    });

    private void SendDatagram(ReadOnlySpan<byte> datagram)
    {
        if (IsClosed)
        {
            return; // e.g. BouncyCastle's fatal alert after we aborted the handshake: nobody to tell
        }
        _send(datagram);
    }

    int DatagramReceiver.GetReceiveLimit() => _ring.SlotSize;

    int DatagramReceiver.Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    int DatagramReceiver.Receive(Span<byte> buffer, int waitMillis) => Receive(buffer, waitMillis);

    int DatagramSender.GetSendLimit() => SendLimit;

    void DatagramSender.Send(byte[] buf, int off, int len) => SendDatagram(buf.AsSpan(off, len));

    void DatagramSender.Send(ReadOnlySpan<byte> buffer) => SendDatagram(buffer);

    void TlsCloseable.Close() => Close();

    private readonly struct ReadyCondition(DtlsDatagramChannel channel) : IWaitCondition
    {
        public bool IsReady => channel._ring.HasItems || channel.IsClosed;
    }
}
