using BenchmarkDotNet.Attributes;
using VideoRelay.Core.Queues;

namespace VideoRelay.Bench;

/// <summary>
/// Items/s through the SPSC ring between two real threads: a producer thread enqueues, the benchmark thread
/// dequeues (one at a time, or in batches). OperationsPerInvoke makes BenchmarkDotNet report time per item.
/// </summary>
[MemoryDiagnoser]
public class RingBenchmarks
{
    private const int Items = 4_000_000;
    private SpscRing<long> _ring = null!;

    [Params(1024)]
    public int Capacity { get; set; }

    [GlobalSetup]
    public void Setup() => _ring = new SpscRing<long>(Capacity);

    [Benchmark(OperationsPerInvoke = Items)]
    public long TwoThreads_Single()
    {
        Thread producer = StartProducer();
        long sum = 0;
        for (long received = 0; received < Items;)
        {
            if (_ring.TryDequeue(out long v))
            {
                sum += v;
                received++;
            }
            else
            {
                Thread.SpinWait(4);
            }
        }
        producer.Join();
        return sum;
    }

    [Benchmark(OperationsPerInvoke = Items)]
    public long TwoThreads_Batch64()
    {
        Thread producer = StartProducer();
        Span<long> batch = stackalloc long[64];
        long sum = 0;
        for (long received = 0; received < Items;)
        {
            int n = _ring.DequeueBatch(batch);
            if (n == 0)
            {
                Thread.SpinWait(4);
                continue;
            }
            for (int i = 0; i < n; i++)
            {
                sum += batch[i];
            }
            received += n;
        }
        producer.Join();
        return sum;
    }

    private Thread StartProducer()
    {
        var t = new Thread(() =>
        {
            SpscRing<long> ring = _ring;
            for (long i = 0; i < Items; i++)
            {
                while (!ring.TryEnqueue(i))
                {
                    Thread.SpinWait(4);
                }
            }
        });
        t.Start();
        return t;
    }
}
