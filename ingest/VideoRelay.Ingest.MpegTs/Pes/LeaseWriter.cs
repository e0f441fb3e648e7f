using VideoRelay.Core.Buffers;

namespace VideoRelay.Ingest.MpegTs.Pes;

/// <summary>
/// Appends bytes into a pooled lease that is rented on first use and moved to a bigger block when it
/// fills up, up to a bound. On failure (too large, pool empty) the lease goes back and <see cref="Failure"/> says why.
/// </summary>
internal sealed class LeaseWriter : IDisposable
{
    private readonly TieredBufferPool _pool;
    private readonly int _maxSize;
    private BufferLease? _lease;
    private int _initialSize;

    public LeaseWriter(TieredBufferPool pool, int maxSize)
    {
        _pool = pool;
        _maxSize = Math.Min(maxSize, pool.MaxBlockSize);
    }

    public PesFailure Failure { get; private set; }

    /// <summary>Bytes written.</summary>
    public int Position { get; set; }

    /// <summary>The whole current block (empty before the first write).</summary>
    public Span<byte> Span => _lease is null ? default : _lease.Span;

    /// <summary>Starts over; the first rent asks for <paramref name="initialSize"/> bytes.</summary>
    public void Begin(int initialSize)
    {
        Abort();
        _initialSize = initialSize;
    }

    public bool Write(ReadOnlySpan<byte> data)
    {
        if (!EnsureCapacity(data.Length))
        {
            return false;
        }
        data.CopyTo(_lease!.Span[Position..]);
        Position += data.Length;
        return true;
    }

    /// <summary>Makes room for <paramref name="extra"/> more bytes; false (and the data dropped) on failure.</summary>
    public bool EnsureCapacity(int extra)
    {
        if (Failure != PesFailure.None)
        {
            return false;
        }
        int needed = Position + extra;
        if (needed > _maxSize)
        {
            Fail(PesFailure.TooLarge);
            return false;
        }
        if (_lease is not null && needed <= _lease.Capacity)
        {
            return true;
        }
        int size = Math.Min(Math.Max(needed, _lease is null ? _initialSize : _lease.Capacity * 2), _maxSize);
        if (!_pool.TryRent(size, out BufferLease bigger))
        {
            Fail(PesFailure.PoolExhausted);
            return false;
        }
        if (_lease is not null)
        {
            _lease.Span[..Position].CopyTo(bigger.Span);
            _lease.Release();
        }
        _lease = bigger;
        return true;
    }

    /// <summary>Hands the lease (one reference) to the caller; false when nothing was written or it failed.</summary>
    public bool TryDetach(out BufferLease lease, out int length)
    {
        if (Failure != PesFailure.None || _lease is null || Position == 0)
        {
            if (Failure == PesFailure.None)
            {
                Failure = PesFailure.Empty;
            }
            _lease?.Release();
            _lease = null;
            Position = 0;
            lease = null!;
            length = 0;
            return false;
        }
        lease = _lease;
        length = Position;
        lease.SetLength(length);
        _lease = null;
        Position = 0;
        return true;
    }

    /// <summary>Drops what was written and clears <see cref="Failure"/>.</summary>
    public void Abort()
    {
        _lease?.Release();
        _lease = null;
        Position = 0;
        Failure = PesFailure.None;
    }

    public void Dispose() => Abort();

    private void Fail(PesFailure failure)
    {
        Failure = failure;
        _lease?.Release();
        _lease = null;
        Position = 0;
    }
}
