using System.Diagnostics;

namespace VideoRelay.WebRtc.Dtls;

/// <summary>
/// Counters an edge exports for its DTLS layer. One instance may be shared by every channel and handshake
/// of a node (all updates are interlocked), or one per channel in tests.
/// </summary>
[DebuggerDisplay("delivered={DatagramsDelivered} full={DatagramsDroppedQueueFull} oversized={DatagramsDroppedOversized} ok={HandshakesSucceeded} failed={HandshakesFailed} timedOut={HandshakesTimedOut}")]
public sealed class DtlsCounters
{
    private long _delivered;
    private long _droppedQueueFull;
    private long _droppedOversized;
    private long _succeeded;
    private long _failed;
    private long _timedOut;
    private long _canceled;

    /// <summary>Datagrams accepted by <see cref="DtlsDatagramChannel.TryDeliver"/>.</summary>
    public long DatagramsDelivered => Volatile.Read(ref _delivered);

    /// <summary>Datagrams refused because the channel's queue was full.</summary>
    public long DatagramsDroppedQueueFull => Volatile.Read(ref _droppedQueueFull);

    /// <summary>Datagrams refused because they were larger than the channel's slots (or the reader's buffer).</summary>
    public long DatagramsDroppedOversized => Volatile.Read(ref _droppedOversized);

    /// <summary>Handshakes that completed with verified fingerprints and exported SRTP keys.</summary>
    public long HandshakesSucceeded => Volatile.Read(ref _succeeded);

    /// <summary>Handshakes that failed (fingerprint mismatch, alert, protocol error).</summary>
    public long HandshakesFailed => Volatile.Read(ref _failed);

    /// <summary>Handshakes that did not complete within their time limit.</summary>
    public long HandshakesTimedOut => Volatile.Read(ref _timedOut);

    /// <summary>Handshakes abandoned because the session was closed or the caller cancelled.</summary>
    public long HandshakesCanceled => Volatile.Read(ref _canceled);

    internal void OnDelivered() => Interlocked.Increment(ref _delivered);

    internal void OnDroppedQueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    internal void OnDroppedOversized() => Interlocked.Increment(ref _droppedOversized);

    internal void OnHandshakeSucceeded() => Interlocked.Increment(ref _succeeded);

    internal void OnHandshakeFailed() => Interlocked.Increment(ref _failed);

    internal void OnHandshakeTimedOut() => Interlocked.Increment(ref _timedOut);

    internal void OnHandshakeCanceled() => Interlocked.Increment(ref _canceled);
}
