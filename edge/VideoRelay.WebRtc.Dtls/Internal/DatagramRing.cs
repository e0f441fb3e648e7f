using System.Diagnostics;

namespace VideoRelay.WebRtc.Dtls.Internal;

// Design: a bounded single-producer/single-consumer queue of datagrams stored inline in one
// preallocated array of fixed-size slots, so delivering a datagram is one length-checked copy and no
// allocation. The producer owns `_tail`, the consumer owns `_head`; a slot is written before `_tail` is
// published (release) and read before `_head` is published (release), which is all the ordering an SPSC
// ring needs. Unlike Core's SpscRing the payload lives in the ring itself, so there is no separate free
// list of buffers to keep in step. DTLS traffic is a handful of datagrams per session, so the indices
// are not padded onto separate cache lines.
[DebuggerDisplay("Count = {Count}, Capacity = {Capacity}, SlotSize = {SlotSize}")]
internal sealed class DatagramRing
{
    private readonly byte[] _storage;
    private readonly int[] _lengths;
    private readonly int _mask;
    private long _head;
    private long _tail;

    public DatagramRing(int capacity, int slotSize)
    {
        Debug.Assert(capacity >= 2 && (capacity & (capacity - 1)) == 0, "capacity must be a power of two");
        Debug.Assert(slotSize > 0);
        _storage = GC.AllocateUninitializedArray<byte>(checked(capacity * slotSize));
        _lengths = new int[capacity];
        _mask = capacity - 1;
        SlotSize = slotSize;
    }

    public int Capacity => _lengths.Length;

    public int SlotSize { get; }

    public int Count => (int)(Volatile.Read(ref _tail) - Volatile.Read(ref _head));

    /// <summary>Consumer: whether a datagram is waiting.</summary>
    public bool HasItems => Volatile.Read(ref _tail) != _head;

    /// <summary>Producer: copies <paramref name="datagram"/> into the next slot; false when the ring is full.</summary>
    public bool TryEnqueue(ReadOnlySpan<byte> datagram)
    {
        Debug.Assert(datagram.Length <= SlotSize, "caller checks the length against SlotSize");
        long tail = _tail;
        if (tail - Volatile.Read(ref _head) >= _lengths.Length)
        {
            return false;
        }
        int slot = (int)(tail & _mask);
        datagram.CopyTo(_storage.AsSpan(slot * SlotSize, SlotSize));
        _lengths[slot] = datagram.Length;
        Volatile.Write(ref _tail, tail + 1);
        return true;
    }

    /// <summary>
    /// Consumer: takes the oldest datagram. Returns -1 when the ring is empty, otherwise the datagram's
    /// length; the bytes are copied only when they fit in <paramref name="destination"/> (a longer
    /// datagram is consumed and dropped, and the caller sees length &gt; destination.Length).
    /// </summary>
    public int TryDequeue(Span<byte> destination)
    {
        long head = _head;
        if (head == Volatile.Read(ref _tail))
        {
            return -1;
        }
        int slot = (int)(head & _mask);
        int length = _lengths[slot];
        if (length <= destination.Length)
        {
            _storage.AsSpan(slot * SlotSize, length).CopyTo(destination);
        }
        Volatile.Write(ref _head, head + 1);
        return length;
    }
}
