using BenchmarkDotNet.Attributes;
using VideoRelay.Core.Buffers;

namespace VideoRelay.Bench;

/// <summary>Rent/release cost of the pinned pool against ArrayPool and plain allocation.</summary>
[MemoryDiagnoser]
public class PoolBenchmarks
{
    private PinnedBufferPool _pool = null!;
    private byte[]? _sink;

    [GlobalSetup]
    public void Setup() => _pool = new PinnedBufferPool(2048, 1024);

    [GlobalCleanup]
    public void Cleanup() => _pool.Dispose();

    [Benchmark(Baseline = true)]
    public int PinnedPool_RentRelease()
    {
        _pool.TryRent(1500, out BufferLease lease);
        int capacity = lease.Capacity;
        lease.Release();
        return capacity;
    }

    [Benchmark]
    public int PinnedPool_RentAddRefReleaseTwice()
    {
        _pool.TryRent(1500, out BufferLease lease);
        lease.AddRef();
        lease.Release();
        int capacity = lease.Capacity;
        lease.Release();
        return capacity;
    }

    [Benchmark]
    public int ArrayPool_RentReturn()
    {
        byte[] a = System.Buffers.ArrayPool<byte>.Shared.Rent(1500);
        int n = a.Length;
        System.Buffers.ArrayPool<byte>.Shared.Return(a);
        return n;
    }

    /// <summary>Stored in a field: .NET 10 stack-allocates a non-escaping small array, which would measure nothing.</summary>
    [Benchmark]
    public int NewArray()
    {
        _sink = new byte[1500];
        return _sink.Length;
    }
}
