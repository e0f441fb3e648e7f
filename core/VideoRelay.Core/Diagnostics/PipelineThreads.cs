namespace VideoRelay.Core.Diagnostics;

/// <summary>
/// Operator-requested placement of the data-path threads (fan-out, UDP receive, transcoder, SRT receive, relay, demo):
/// each calls <see cref="Enter"/> first thing; when CPUs were configured the thread pins itself to the next one
/// (round-robin) and, when asked, takes real-time priority. Off by default: nothing changes unless configured.
/// </summary>
public static class PipelineThreads
{
    private static int[] s_cpus = [];
    private static int s_next = -1;
    private static int s_realtimePriority;
    private static int s_throughputNice = 5;
    private static long s_pinned;
    private static long s_failures;

    /// <summary>Threads pinned so far / attempts that failed (e.g. CPU not allowed in this cgroup).</summary>
    public static long Pinned => Interlocked.Read(ref s_pinned);
    public static long Failures => Interlocked.Read(ref s_failures);

    /// <summary>Pins data-path threads round-robin onto <paramref name="cpus"/>; SCHED_FIFO at <paramref name="realtimePriority"/> when > 0.</summary>
    public static void Configure(IReadOnlyList<int> cpus, int realtimePriority)
    {
        Volatile.Write(ref s_cpus, cpus.ToArray());
        Volatile.Write(ref s_realtimePriority, realtimePriority);
    }

    /// <summary>Nice value of throughput threads (transcoder decode/encode); 0 leaves them equal to the rest.</summary>
    public static int ThroughputNice
    {
        get => Volatile.Read(ref s_throughputNice);
        set => Volatile.Write(ref s_throughputNice, value);
    }

    /// <summary>
    /// Called by a throughput thread (a transcoder's decoder or encoder) as it starts: pinned like the others, but
    /// at a higher nice value, so when the CPUs are busy a waking fan-out or ingest thread runs first — a frame
    /// interval of encoder slack is worth less than a millisecond of delivery delay.
    /// </summary>
    public static void EnterThroughput()
    {
        Pin(); // never real-time: a SCHED_FIFO encoder would starve the threads it is meant to yield to
        int nice = Volatile.Read(ref s_throughputNice);
        if (nice != 0 && !HostTuning.TrySetCurrentThreadNice(nice).Succeeded)
        {
            Interlocked.Increment(ref s_failures);
        }
    }

    /// <summary>Called by a latency-critical data-path thread as it starts: pinned and, when configured, real-time.</summary>
    public static void Enter()
    {
        Pin();
        int priority = Volatile.Read(ref s_realtimePriority);
        if (priority > 0 && !HostTuning.TrySetRealtimePriority(priority).Succeeded)
        {
            Interlocked.Increment(ref s_failures);
        }
    }

    private static void Pin()
    {
        int[] cpus = Volatile.Read(ref s_cpus);
        if (cpus.Length > 0)
        {
            int cpu = cpus[(int)((uint)Interlocked.Increment(ref s_next) % (uint)cpus.Length)];
            Interlocked.Increment(ref HostTuning.TryPinCurrentThread(cpu).Succeeded ? ref s_pinned : ref s_failures);
        }
    }
}
