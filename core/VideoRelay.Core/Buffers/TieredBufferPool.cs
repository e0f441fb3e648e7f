namespace VideoRelay.Core.Buffers;

/// <summary>
/// A few <see cref="PinnedBufferPool"/>s of growing block size; a rent goes to the smallest class
/// that fits. Typical classes: RTP packets (2 KiB), audio and small video frames (64 KiB), keyframes (1 MiB).
/// </summary>
public sealed class TieredBufferPool : IDisposable
{
    private readonly PinnedBufferPool[] _tiers;

    public TieredBufferPool(params (int BlockSize, int BlockCount)[] tiers) : this("tiered", false, tiers)
    {
    }

    public TieredBufferPool(string name, bool diagnostic, params (int BlockSize, int BlockCount)[] tiers)
    {
        if (tiers.Length == 0)
        {
            throw new ArgumentException("at least one tier is required", nameof(tiers));
        }
        _tiers = tiers
            .OrderBy(t => t.BlockSize)
            .Select(t => new PinnedBufferPool(t.BlockSize, t.BlockCount, $"{name}/{t.BlockSize}", diagnostic))
            .ToArray();
    }

    /// <summary>The default pools of a media node: packets, frames, large keyframes.</summary>
    public static TieredBufferPool CreateMediaDefault(string name = "media", bool diagnostic = false) =>
        new(name, diagnostic, (2 * 1024, 8192), (64 * 1024, 1024), (1024 * 1024, 64), (4 * 1024 * 1024, 8));

    public IReadOnlyList<PinnedBufferPool> Tiers => _tiers;

    /// <summary>Largest size a rent can satisfy.</summary>
    public int MaxBlockSize => _tiers[^1].BlockSize;

    /// <summary>Total misses over every tier.</summary>
    public long Misses => _tiers.Sum(t => t.Misses);

    /// <summary>Rents from the smallest tier that fits, falling back to bigger tiers when it is empty.</summary>
    public bool TryRent(int size, out BufferLease lease)
    {
        foreach (PinnedBufferPool tier in _tiers)
        {
            if (size <= tier.BlockSize && tier.Available > 0 && tier.TryRent(size, out lease))
            {
                return true;
            }
        }
        // Count the miss on the tier that should have served it.
        foreach (PinnedBufferPool tier in _tiers)
        {
            if (size <= tier.BlockSize)
            {
                return tier.TryRent(size, out lease);
            }
        }
        return _tiers[^1].TryRent(size, out lease);
    }

    public void Dispose()
    {
        List<Exception>? errors = null;
        foreach (PinnedBufferPool tier in _tiers)
        {
            try
            {
                tier.Dispose();
            }
            catch (InvalidOperationException e)
            {
                (errors ??= []).Add(e);
            }
        }
        if (errors is not null)
        {
            throw new AggregateException("buffer pools disposed with blocks still rented", errors);
        }
    }
}
