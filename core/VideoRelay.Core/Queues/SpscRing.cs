using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace VideoRelay.Core.Queues;

// Design: a bounded ring for exactly one producer thread and one consumer thread.
//
// * Capacity is a power of two so a slot is `index & mask`; indices are 64-bit and only grow, so
//   full/empty never need a spare slot and never wrap in practice.
// * The producer owns `_tail` (next slot to write), the consumer owns `_head` (next slot to read).
//   Each lives on its own 128-byte-padded line (two lines: adjacent-line prefetch pairs them), so
//   the two threads never write the same cache line.
// * Each side keeps a *stale copy* of the other side's index (`_headCache` on the producer's line,
//   `_tailCache` on the consumer's line). The producer only re-reads the shared `_head` when its
//   copy says the ring is full; the consumer only re-reads `_tail` when its copy says it is empty.
//   In steady state each side touches the other's line once per lap rather than once per item,
//   which is what makes the ring fast (rigtorp/SPSCQueue, the runtime's SingleProducerSingleConsumerQueue).
// * Ordering is acquire/release only: the producer writes the slot, then publishes `_tail` with a
//   release store; the consumer reads `_tail` with an acquire load, then the slot. Symmetrically for
//   `_head` (the consumer clears the slot before releasing it back). No interlocked operations.
// * Waiting is not the ring's business: see SpscWaiter for spin → yield → park.
[DebuggerDisplay("Count = {Count}, Capacity = {Capacity}")]
public sealed class SpscRing<T>
{
    private readonly T[] _slots;
    private readonly int _mask;
    private SpscProducerLine _producer;
    private SpscConsumerLine _consumer;

    public SpscRing(int capacity)
    {
        if (capacity < 2 || (capacity & (capacity - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be a power of two ≥ 2");
        }
        _slots = new T[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _slots.Length;

    /// <summary>Items in the ring (exact only when called by either owner while the other is idle).</summary>
    public int Count => (int)(Volatile.Read(ref _producer.Tail) - Volatile.Read(ref _consumer.Head));

    public bool IsEmpty => Count == 0;

    /// <summary>Consumer only: whether an item is waiting (refreshes the cached tail when needed).</summary>
    public bool HasItems
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _consumer.Head < _consumer.TailCache || RefreshTailCache(_consumer.Head);
    }

    /// <summary>Producer only: adds an item, or returns false when the ring is full.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnqueue(in T item)
    {
        long tail = _producer.Tail;
        if (tail - _producer.HeadCache >= _slots.Length && !RefreshHeadCache(tail))
        {
            return false;
        }
        _slots[tail & _mask] = item;
        Volatile.Write(ref _producer.Tail, tail + 1);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshHeadCache(long tail)
    {
        _producer.HeadCache = Volatile.Read(ref _consumer.Head);
        return tail - _producer.HeadCache < _slots.Length;
    }

    /// <summary>Consumer only: takes the oldest item, or returns false when the ring is empty.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryDequeue(out T item)
    {
        long head = _consumer.Head;
        if (head >= _consumer.TailCache && !RefreshTailCache(head))
        {
            item = default!;
            return false;
        }
        ref T slot = ref _slots[head & _mask];
        item = slot;
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            slot = default!; // do not keep the item alive from the ring
        }
        Volatile.Write(ref _consumer.Head, head + 1);
        return true;
    }

    /// <summary>Consumer only: looks at the oldest item without taking it.</summary>
    public bool TryPeek(out T item)
    {
        long head = _consumer.Head;
        if (head >= _consumer.TailCache && !RefreshTailCache(head))
        {
            item = default!;
            return false;
        }
        item = _slots[head & _mask];
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool RefreshTailCache(long head)
    {
        _consumer.TailCache = Volatile.Read(ref _producer.Tail);
        return head < _consumer.TailCache;
    }

    /// <summary>Consumer only: moves up to <c>destination.Length</c> items out in one step; returns how many.</summary>
    public int DequeueBatch(Span<T> destination)
    {
        long head = _consumer.Head;
        long available = _consumer.TailCache - head;
        if (available < destination.Length)
        {
            _consumer.TailCache = Volatile.Read(ref _producer.Tail);
            available = _consumer.TailCache - head;
        }
        int n = (int)Math.Min(available, destination.Length);
        for (int i = 0; i < n; i++)
        {
            ref T slot = ref _slots[(head + i) & _mask];
            destination[i] = slot;
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                slot = default!;
            }
        }
        if (n > 0)
        {
            Volatile.Write(ref _consumer.Head, head + n);
        }
        return n;
    }

    /// <summary>Producer only: adds as many of <paramref name="items"/> as fit; returns how many.</summary>
    public int EnqueueBatch(ReadOnlySpan<T> items)
    {
        long tail = _producer.Tail;
        long free = _slots.Length - (tail - _producer.HeadCache);
        if (free < items.Length)
        {
            _producer.HeadCache = Volatile.Read(ref _consumer.Head);
            free = _slots.Length - (tail - _producer.HeadCache);
        }
        int n = (int)Math.Min(free, items.Length);
        for (int i = 0; i < n; i++)
        {
            _slots[(tail + i) & _mask] = items[i];
        }
        if (n > 0)
        {
            Volatile.Write(ref _producer.Tail, tail + n);
        }
        return n;
    }
}
