using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VideoRelay.Core.Buffers;

/// <summary>
/// A bounded pool of fixed-size blocks carved from one native, 64-byte-aligned slab (never moved by
/// the GC), handed out as reference-counted <see cref="BufferLease"/>s.
/// </summary>
/// <remarks>
/// Design: the free list is a Treiber stack of block indices whose head packs a 32-bit version tag
/// beside the index, so a concurrent pop/push cannot suffer ABA. Rent and return are one CAS each and
/// allocate nothing. When the pool is empty <see cref="TryRent"/> fails and counts a miss: memory
/// stays bounded and the caller drops by its own policy (counted) instead of growing a queue.
/// In diagnostic mode, <see cref="Dispose"/> throws when any block is still rented, so tests catch
/// leaks where they happen.
/// </remarks>
[DebuggerDisplay("{Name}: {Available}/{BlockCount} free, block {BlockSize} B")]
public sealed unsafe class PinnedBufferPool : IDisposable
{
    public const int Alignment = 64;

    private readonly byte* _slab;
    private readonly BufferLease[] _leases;
    private readonly int[] _next;
    private readonly bool _diagnostic;
    private long _head; // (version << 32) | (index + 1); index + 1 == 0 means empty
    private long _rented;
    private long _returned;
    private long _misses;
    private int _disposed;

    public PinnedBufferPool(int blockSize, int blockCount, string name = "pool", bool diagnostic = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockCount, 1);
        BlockSize = (blockSize + Alignment - 1) / Alignment * Alignment;
        BlockCount = blockCount;
        Name = name;
        _diagnostic = diagnostic;
        _slab = (byte*)NativeMemory.AlignedAlloc((nuint)BlockSize * (nuint)blockCount, Alignment);
        _leases = new BufferLease[blockCount];
        _next = new int[blockCount];
        for (int i = 0; i < blockCount; i++)
        {
            _leases[i] = new BufferLease(this, _slab + (long)i * BlockSize, BlockSize, i);
            _next[i] = i + 1 < blockCount ? i + 2 : 0; // stored as index + 1, 0 terminates
        }
        _head = 1;
    }

    public string Name { get; }
    public int BlockSize { get; }
    public int BlockCount { get; }

    /// <summary>Successful rents since creation.</summary>
    public long Rented => Interlocked.Read(ref _rented);

    /// <summary>Blocks given back since creation.</summary>
    public long Returned => Interlocked.Read(ref _returned);

    /// <summary>Rents refused because every block was out, or the request was larger than a block.</summary>
    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Blocks currently rented.</summary>
    public long Outstanding => Rented - Returned;

    /// <summary>Blocks currently free (approximate while other threads rent or return).</summary>
    public long Available => BlockCount - Outstanding;

    /// <summary>Rents a block of at least <paramref name="size"/> bytes, or returns false (a counted miss).</summary>
    public bool TryRent(int size, out BufferLease lease)
    {
        if (size > BlockSize || _disposed != 0)
        {
            Interlocked.Increment(ref _misses);
            lease = null!;
            return false;
        }
        while (true)
        {
            long head = Volatile.Read(ref _head);
            int top = (int)head;
            if (top == 0)
            {
                Interlocked.Increment(ref _misses);
                lease = null!;
                return false;
            }
            int next = Volatile.Read(ref _next[top - 1]);
            long newHead = ((head >> 32) + 1) << 32 | (uint)next;
            if (Interlocked.CompareExchange(ref _head, newHead, head) == head)
            {
                lease = _leases[top - 1];
                lease.OnRent();
                Interlocked.Increment(ref _rented);
                return true;
            }
        }
    }

    /// <summary>Rents a whole block, or returns false (a counted miss).</summary>
    public bool TryRent(out BufferLease lease) => TryRent(BlockSize, out lease);

    internal void Return(BufferLease lease)
    {
        Debug.Assert(ReferenceEquals(_leases[lease.Index], lease));
        int slot = lease.Index + 1;
        while (true)
        {
            long head = Volatile.Read(ref _head);
            Volatile.Write(ref _next[slot - 1], (int)head);
            long newHead = ((head >> 32) + 1) << 32 | (uint)slot;
            if (Interlocked.CompareExchange(ref _head, newHead, head) == head)
            {
                Interlocked.Increment(ref _returned);
                return;
            }
        }
    }

    /// <summary>Frees the slab. In diagnostic mode, throws if blocks are still rented.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        long outstanding = Outstanding;
        if (outstanding != 0)
        {
            if (_diagnostic)
            {
                // Leave the slab allocated: rented leases may still point into it.
                throw new InvalidOperationException($"Pool '{Name}' disposed with {outstanding} block(s) still rented.");
            }
            return; // leak the slab rather than free memory that leases still point at
        }
        NativeMemory.AlignedFree(_slab);
    }
}
