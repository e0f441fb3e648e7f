using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace VideoRelay.Core.Buffers;

/// <summary>
/// A reference-counted lease on one pinned, 64-byte-aligned block of a <see cref="PinnedBufferPool"/>.
/// The renter holds one reference; every further holder calls <see cref="AddRef"/> and later
/// <see cref="Release"/>. The last release returns the block to its pool. Lease objects are created
/// once per block and reused, so renting and releasing allocate nothing.
/// </summary>
/// <remarks>
/// A lease must not be touched after its last release: the same object is handed to the next renter.
/// Releasing more times than referenced throws <see cref="InvalidOperationException"/>.
/// </remarks>
[DebuggerDisplay("Lease #{Index} refs={RefCount} len={Length}/{Capacity}")]
public sealed unsafe class BufferLease : MemoryManager<byte>
{
    private readonly PinnedBufferPool? _pool;
    private readonly byte* _pointer;
    private int _refCount;

    internal BufferLease(PinnedBufferPool pool, byte* pointer, int capacity, int index)
    {
        _pool = pool;
        _pointer = pointer;
        Capacity = capacity;
        Index = index;
    }

    /// <summary>Size of the block in bytes.</summary>
    public int Capacity { get; }

    /// <summary>Index of the block inside its pool (stable for the pool's lifetime).</summary>
    public int Index { get; }

    /// <summary>Bytes written so far by the owner (set with <see cref="SetLength"/>).</summary>
    public int Length { get; private set; }

    /// <summary>Current number of holders; 0 when the block is in the pool.</summary>
    public int RefCount => Volatile.Read(ref _refCount);

    /// <summary>Start of the block: pinned and 64-byte aligned for its whole life.</summary>
    public byte* Pointer => _pointer;

    /// <summary>The whole block.</summary>
    public Span<byte> Span => new(_pointer, Capacity);

    /// <summary>The written part of the block.</summary>
    public ReadOnlySpan<byte> Written => new(_pointer, Length);

    /// <summary>The pool this lease belongs to.</summary>
    public PinnedBufferPool Pool => _pool!;

    /// <summary>Records how many bytes of the block hold data.</summary>
    public void SetLength(int length)
    {
        if ((uint)length > (uint)Capacity)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(length), length, Capacity);
        }
        Length = length;
    }

    /// <summary>Adds a holder. Only a current holder may call this.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddRef()
    {
        int after = Interlocked.Increment(ref _refCount);
        if (after <= 1)
        {
            ThrowHelper.UseAfterRelease(Index);
        }
    }

    /// <summary>Drops one holder; the last one returns the block to the pool.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Release()
    {
        int after = Interlocked.Decrement(ref _refCount);
        if (after == 0)
        {
            Length = 0;
            _pool!.Return(this);
        }
        else if (after < 0)
        {
            Interlocked.Increment(ref _refCount);
            ThrowHelper.DoubleRelease(Index);
        }
    }

    internal void OnRent()
    {
        Debug.Assert(_refCount == 0);
        Volatile.Write(ref _refCount, 1);
    }

    /// <inheritdoc />
    public override Span<byte> GetSpan() => Span;

    /// <inheritdoc />
    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    /// <inheritdoc />
    public override void Unpin()
    {
        // Always pinned: nothing to undo.
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        // The pool owns the memory; a lease is never disposed on its own.
    }
}
