using System.Diagnostics;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Timing;

namespace VideoRelay.Bench;

/// <summary>
/// One hop through the SPSC ring: the producer stamps each item with <see cref="Clock.Ticks"/> when it enqueues,
/// the consumer measures now − stamp when it dequeues. Two consumer modes run side by side in one process:
/// spinning (busy-polls the ring) and the production waiter (spin → yield → park). Items are paced (one every
/// few µs) so the figure is hand-off latency, not queueing behind a burst.
/// </summary>
public static class HopLatency
{
    private static bool s_pin;

    public static int Run(string[] args)
    {
        int items = BenchArgs.Int(args, "--items", 1_000_000);
        int paceNs = BenchArgs.Int(args, "--pace-ns", 2_000);
        s_pin = args.Contains("--pin"); // producer on CPU 0, consumer on CPU 1 (sched_setaffinity)
        Console.WriteLine($"# hop latency through SpscRing<long>: {items:N0} items, one every {paceNs} ns");
        Console.WriteLine($"# {MachineInfo.Describe()}");
        Console.WriteLine($"mode, {LatencySummary.Header} (µs)");
        foreach (string mode in new[] { "spin", "waiter" })
        {
            LatencySummary s = Measure(items, paceNs, mode == "waiter");
            Console.WriteLine($"{mode}, {s.ToRow()}");
        }
        Console.WriteLine($"# load average after: {MachineInfo.LoadAverage()}");
        return 0;
    }

    private static LatencySummary Measure(int items, int paceNs, bool useWaiter)
    {
        var ring = new SpscRing<long>(1024);
        var waiter = new SpscWaiter();
        var histogram = new LatencyHistogram();
        int warmup = items / 10;
        var consumer = new Thread(() =>
        {
            if (s_pin)
            {
                VideoRelay.Core.Diagnostics.HostTuning.TryPinCurrentThread(1);
            }
            for (int received = 0; received < items + warmup;)
            {
                if (ring.TryDequeue(out long stamp))
                {
                    long ns = Clock.TicksToNs(Clock.Ticks - stamp);
                    if (received >= warmup)
                    {
                        histogram.Record(ns);
                    }
                    received++;
                }
                else if (useWaiter)
                {
                    waiter.WaitForItems(ring, 100);
                }
                else
                {
                    Thread.SpinWait(1);
                }
            }
        }) { IsBackground = true, Priority = ThreadPriority.Highest };
        consumer.Start();
        if (s_pin)
        {
            VideoRelay.Core.Diagnostics.HostTuning.TryPinCurrentThread(0);
        }
        long paceTicks = Math.Max(1, paceNs * Stopwatch.Frequency / 1_000_000_000);
        long next = Clock.Ticks;
        for (int i = 0; i < items + warmup; i++)
        {
            while (Clock.Ticks < next)
            {
                Thread.SpinWait(1);
            }
            next += paceTicks;
            while (!ring.TryEnqueue(Clock.Ticks))
            {
                Thread.SpinWait(1);
            }
            if (useWaiter)
            {
                waiter.Notify();
            }
        }
        consumer.Join();
        return histogram.Summarize();
    }
}
