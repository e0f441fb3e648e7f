using System.Diagnostics;
using System.Numerics;
using VideoRelay.Core.Buffers;

namespace VideoRelay.WebRtc.Rtp;

/// <summary>
/// Retransmission history: the last <see cref="Capacity"/> sent packets, keyed by their 16-bit RTP
/// sequence number, held as reference-counted pooled buffers so a NACK can be answered without copying.
/// </summary>
/// <remarks>
/// Design: a power-of-two ring indexed by an extended 64-bit sequence number (the 16-bit number unwrapped
/// against the newest one stored), so wrap-around at 65535 → 0 needs no special case and a stale slot is
/// recognised by its stored index. The history holds its own reference on every stored lease; an entry
/// pushed out of the window (overwritten, or skipped by a forward jump) is released at once, and
/// <see cref="Dispose"/> releases everything. Not thread-safe: one owner (the sending loop) uses it.
/// </remarks>
[DebuggerDisplay("{Count}/{Capacity} packets, newest #{_newest}")]
public sealed class PacketHistory : IDisposable
{
    /// <summary>Half the 16-bit sequence space: beyond it an old and a new number could not be told apart.</summary>
    public const int MaxCapacity = 32768;

    private readonly BufferLease?[] _leases;
    private readonly long[] _indices;
    private readonly int _mask;
    private long _newest = -1; // extended index of the newest packet stored, −1 when empty
    private bool _disposed;

    /// <param name="capacity">Packets kept; a power of two (e.g. 1024 ≈ 1 s of 8 Mb/s video).</param>
    public PacketHistory(int capacity)
    {
        if (capacity < 1 || capacity > MaxCapacity || !BitOperations.IsPow2(capacity))
        {
            ThrowHelper.ArgumentOutOfRange(nameof(capacity), capacity, "must be a power of two from 1 to 32768");
        }
        _leases = new BufferLease?[capacity];
        _indices = new long[capacity];
        _mask = capacity - 1;
    }

    public int Capacity => _leases.Length;

    /// <summary>Packets currently held.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Stores <paramref name="lease"/> (the history adds its own reference; the caller keeps theirs) under
    /// <paramref name="sequence"/>. False (nothing stored) when the sequence number is older than the window
    /// or already stored.
    /// </summary>
    public bool Insert(ushort sequence, BufferLease lease)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(lease);
        long index = Extend(sequence);
        if (index <= _newest - Capacity)
        {
            return false;
        }
        if (index > _newest)
        {
            if (_newest >= 0)
            {
                // The window slides to (index − Capacity, index]: release what falls out now, not when
                // its slot is reused (at most Capacity steps).
                long last = Math.Min(index - Capacity, _newest);
                for (long i = _newest - Capacity + 1; i <= last; i++)
                {
                    ReleaseIfIndex(i);
                }
            }
            _newest = index;
        }
        int slot = (int)(index & _mask);
        if (_leases[slot] is not null && _indices[slot] == index)
        {
            return false;
        }
        ReleaseSlot(slot);
        lease.AddRef();
        _leases[slot] = lease;
        _indices[slot] = index;
        Count++;
        return true;
    }

    /// <summary>
    /// Finds the packet sent with <paramref name="sequence"/>; on success the caller owns one added reference
    /// and must <see cref="BufferLease.Release"/> it.
    /// </summary>
    public bool TryGet(ushort sequence, out BufferLease lease)
    {
        lease = null!;
        if (_disposed || _newest < 0)
        {
            return false;
        }
        long index = Extend(sequence);
        if (index > _newest || index <= _newest - Capacity)
        {
            return false;
        }
        int slot = (int)(index & _mask);
        BufferLease? stored = _leases[slot];
        if (stored is null || _indices[slot] != index)
        {
            return false;
        }
        stored.AddRef();
        lease = stored;
        return true;
    }

    /// <summary>Releases every stored packet.</summary>
    public void Clear()
    {
        ClearAll();
        _newest = -1;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        ClearAll();
        _disposed = true;
    }

    /// <summary>Unwraps a 16-bit sequence number to the extended index nearest the newest one stored.</summary>
    private long Extend(ushort sequence)
    {
        if (_newest < 0)
        {
            return sequence + 65536L; // leave room below the first packet for late ones
        }
        short delta = (short)(sequence - (ushort)_newest);
        return _newest + delta;
    }

    private void ReleaseIfIndex(long index)
    {
        int slot = (int)(index & _mask);
        if (_leases[slot] is not null && _indices[slot] == index)
        {
            ReleaseSlot(slot);
        }
    }

    private void ReleaseSlot(int slot)
    {
        BufferLease? old = _leases[slot];
        if (old is not null)
        {
            _leases[slot] = null;
            Count--;
            old.Release();
        }
    }

    private void ClearAll()
    {
        for (int i = 0; i < _leases.Length; i++)
        {
            ReleaseSlot(i);
        }
    }
}
