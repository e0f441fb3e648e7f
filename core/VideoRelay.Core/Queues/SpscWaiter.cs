using System.Runtime.CompilerServices;

namespace VideoRelay.Core.Queues;

// Design: how a consumer waits for an SPSC ring without burning a core when idle and without adding
// latency when busy.
//
// 1. Spin (SpinWait without yielding) for a few microseconds: a busy pipeline hands the next item
//    over well inside this window, at the cost of one cache-line transfer.
// 2. Yield (Thread.Yield / Sleep(0) via SpinWait) for a while longer: lets the producer run if it
//    shares our core — on a 2-core machine it often does.
// 3. Park on an event. Before parking the consumer publishes `_parked = 1`, then a full fence, then
//    re-checks the condition; the producer, after publishing an item, does a full fence and reads
//    `_parked`. One of the two always sees the other (Dekker), so no wake-up is lost. The producer's
//    cost when nobody is parked is one fence and one read per Notify — call it once per batch.
//
// A parked consumer also wakes at its timeout so it can notice shutdown without a token.
public sealed class SpscWaiter : IDisposable
{
    private readonly ManualResetEventSlim _event = new(false, 0);
    private readonly int _spinIterations;
    private readonly int _yieldIterations;
    private int _parked;
    private long _parks;

    /// <param name="spinIterations">SpinWait iterations before yielding (each ~ tens of ns, growing).</param>
    /// <param name="yieldIterations">Thread.Yield rounds before parking.</param>
    public SpscWaiter(int spinIterations = 64, int yieldIterations = 32)
    {
        _spinIterations = spinIterations;
        _yieldIterations = yieldIterations;
    }

    /// <summary>How often the consumer went to sleep (a measure of idleness).</summary>
    public long Parks => Interlocked.Read(ref _parks);

    /// <summary>Producer: call after enqueuing (once per batch is enough).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Notify()
    {
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _parked) != 0)
        {
            Wake();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Wake() => _event.Set();

    /// <summary>Consumer: waits until the ring has an item or the timeout passes. True when ready.</summary>
    public bool WaitForItems<T>(SpscRing<T> ring, int timeoutMilliseconds = 100) =>
        Wait(new RingNotEmpty<T>(ring), timeoutMilliseconds);

    /// <summary>Consumer: spin, then yield, then park until <paramref name="condition"/> holds or the timeout passes.</summary>
    public bool Wait<TCondition>(TCondition condition, int timeoutMilliseconds = 100) where TCondition : IWaitCondition
    {
        for (int i = 0; i < _spinIterations; i++)
        {
            if (condition.IsReady)
            {
                return true;
            }
            Thread.SpinWait(1 << Math.Min(i, 6));
        }
        for (int i = 0; i < _yieldIterations; i++)
        {
            if (condition.IsReady)
            {
                return true;
            }
            Thread.Yield();
        }
        _event.Reset();
        Volatile.Write(ref _parked, 1);
        Interlocked.MemoryBarrier();
        try
        {
            if (condition.IsReady)
            {
                return true;
            }
            Interlocked.Increment(ref _parks);
            _event.Wait(timeoutMilliseconds);
            return condition.IsReady;
        }
        finally
        {
            Volatile.Write(ref _parked, 0);
        }
    }

    public void Dispose() => _event.Dispose();

    private readonly struct RingNotEmpty<T>(SpscRing<T> ring) : IWaitCondition
    {
        public bool IsReady => ring.HasItems;
    }
}
