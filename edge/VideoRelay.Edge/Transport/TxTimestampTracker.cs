using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;

namespace VideoRelay.Edge.Transport;

/// <summary>
/// Matches the kernel's transmit timestamps (read from the socket's error queue on the receive thread) to the
/// frames whose first packet they belong to, and records the <see cref="Hop.KernelTx"/> hop. Fan-out threads
/// register one send id per frame; a small ring keyed by id keeps the entries (older ones are simply overwritten).
/// </summary>
internal sealed class TxTimestampTracker
{
    private const int Size = 1024; // power of two
    private readonly Entry[] _entries = new Entry[Size];
    private readonly Lock _lock = new();
    private long _matched;
    private long _unmatched;

    public long Matched => Interlocked.Read(ref _matched);
    public long Unmatched => Interlocked.Read(ref _unmatched);

    /// <summary>Fan-out thread: the first packet of a frame went out as <paramref name="sendId"/>.</summary>
    public void Track(uint sendId, HopHistograms target, HopHistograms? second, long captureUnixNs, long firstPacketSentUnixNs)
    {
        lock (_lock)
        {
            _entries[sendId & (Size - 1)] = new Entry(sendId, target, second, captureUnixNs, firstPacketSentUnixNs);
        }
    }

    /// <summary>Receive thread: a TX stamp arrived.</summary>
    public void OnTimestamp(uint sendId, long kernelTxUnixNs)
    {
        Entry entry;
        lock (_lock)
        {
            entry = _entries[sendId & (Size - 1)];
            if (entry.Target is null || entry.SendId != sendId)
            {
                Interlocked.Increment(ref _unmatched); // a packet that is not a frame's first: nothing to record
                return;
            }
            _entries[sendId & (Size - 1)] = default;
        }
        Interlocked.Increment(ref _matched);
        long sinceCapture = entry.CaptureUnixNs == 0 ? -1 : kernelTxUnixNs - entry.CaptureUnixNs;
        long sinceSent = kernelTxUnixNs - entry.FirstPacketSentUnixNs;
        entry.Target.RecordHop(Hop.KernelTx, sinceCapture, sinceSent);
        entry.Second?.RecordHop(Hop.KernelTx, sinceCapture, sinceSent);
    }

    private readonly record struct Entry(uint SendId, HopHistograms? Target, HopHistograms? Second, long CaptureUnixNs, long FirstPacketSentUnixNs);
}
