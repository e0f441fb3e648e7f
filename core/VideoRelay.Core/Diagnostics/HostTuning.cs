using System.Runtime.InteropServices;
using VideoRelay.Core.Diagnostics.Interop;

namespace VideoRelay.Core.Diagnostics;

/// <summary>
/// Tuning calls a node makes when the operator asks for them (configuration, never by default). Each
/// returns a <see cref="HostActionResult"/> with the errno and what to do about it; none throws.
/// </summary>
public static unsafe class HostTuning
{
    /// <summary>The calling thread's kernel id (gettid): what /proc/&lt;pid&gt;/task/&lt;tid&gt; and taskset use.</summary>
    public static int CurrentThreadId() => ProcessNative.gettid();

    /// <summary>
    /// mlockall(MCL_CURRENT | MCL_FUTURE): every page of the process stays in RAM, so no page fault stalls the
    /// data path. Needs CAP_IPC_LOCK or an unlimited RLIMIT_MEMLOCK (systemd LimitMEMLOCK=infinity).
    /// Call once at start-up: the .NET GC reserves large address ranges, so resident memory grows to what the
    /// heap really touches.
    /// </summary>
    public static HostActionResult TryLockMemory()
    {
        if (ProcessNative.mlockall(ProcessNative.MCL_CURRENT | ProcessNative.MCL_FUTURE) == 0)
            return HostActionResult.Ok("all current and future pages locked (mlockall MCL_CURRENT|MCL_FUTURE)");
        int errno = Marshal.GetLastPInvokeError();
        return HostActionResult.Failed(errno, errno switch
        {
            Net.Interop.Errno.EPERM => "mlockall refused (EPERM): grant CAP_IPC_LOCK or raise RLIMIT_MEMLOCK (LimitMEMLOCK=infinity, ulimit -l unlimited)",
            12 => "mlockall failed (ENOMEM): RLIMIT_MEMLOCK is below the process size; set it to unlimited",
            _ => $"mlockall failed ({Net.Interop.Errno.Describe(errno)})",
        });
    }

    /// <summary>munlockall(): undoes <see cref="TryLockMemory"/>.</summary>
    public static HostActionResult TryUnlockMemory()
    {
        if (ProcessNative.munlockall() == 0)
            return HostActionResult.Ok("memory unlocked");
        int errno = Marshal.GetLastPInvokeError();
        return HostActionResult.Failed(errno, $"munlockall failed ({Net.Interop.Errno.Describe(errno)})");
    }

    /// <summary>
    /// Pins the calling thread to one CPU (sched_setaffinity on its tid). Use on a dedicated thread: the
    /// thread pool moves work between threads, so pinning a pool thread pins whatever runs there next.
    /// </summary>
    public static HostActionResult TryPinCurrentThread(int cpu)
    {
        if (cpu < 0 || cpu >= ProcessNative.CpuSetBytes * 8)
            return HostActionResult.Failed(Net.Interop.Errno.EINVAL, $"CPU {cpu} is outside 0..{ProcessNative.CpuSetBytes * 8 - 1}");
        byte* mask = stackalloc byte[ProcessNative.CpuSetBytes];
        new Span<byte>(mask, ProcessNative.CpuSetBytes).Clear();
        mask[cpu / 8] = (byte)(1 << (cpu % 8));
        int tid = ProcessNative.gettid();
        if (ProcessNative.sched_setaffinity(tid, ProcessNative.CpuSetBytes, mask) == 0)
            return HostActionResult.Ok($"thread {tid} pinned to CPU {cpu}");
        int errno = Marshal.GetLastPInvokeError();
        return HostActionResult.Failed(errno, errno == Net.Interop.Errno.EINVAL
            ? $"CPU {cpu} is not online or not in this process's cpuset (see /proc/self/status Cpus_allowed_list)"
            : $"sched_setaffinity failed ({Net.Interop.Errno.Describe(errno)})");
    }

    /// <summary>
    /// Sets the calling thread's nice value (−20..19; raising it needs no privilege). Throughput threads (encoders)
    /// at a higher nice let latency-critical threads (fan-out, ingest) preempt them at once when they wake.
    /// </summary>
    public static HostActionResult TrySetCurrentThreadNice(int nice)
    {
        int tid = ProcessNative.gettid();
        if (ProcessNative.setpriority(ProcessNative.PRIO_PROCESS, tid, nice) == 0)
            return HostActionResult.Ok($"thread {tid} nice {nice}");
        int errno = Marshal.GetLastPInvokeError();
        return HostActionResult.Failed(errno, $"setpriority failed ({Net.Interop.Errno.Describe(errno)})");
    }

    /// <summary>The CPUs the calling thread may run on.</summary>
    public static IReadOnlyList<int> CurrentThreadAffinity()
    {
        byte* mask = stackalloc byte[ProcessNative.CpuSetBytes];
        if (ProcessNative.sched_getaffinity(ProcessNative.gettid(), ProcessNative.CpuSetBytes, mask) != 0)
            return [];
        var cpus = new List<int>();
        for (int cpu = 0; cpu < ProcessNative.CpuSetBytes * 8; cpu++)
        {
            if ((mask[cpu / 8] & (1 << (cpu % 8))) != 0)
                cpus.Add(cpu);
        }
        return cpus;
    }

    /// <summary>
    /// Puts the calling thread under SCHED_FIFO at <paramref name="priority"/> (1..99; keep it low, e.g. 10, and
    /// below the kernel's own threads at 50). Needs CAP_SYS_NICE or RLIMIT_RTPRIO ≥ priority. A FIFO thread that
    /// never blocks starves its CPU: only for threads that wait on I/O or on their ring.
    /// </summary>
    public static HostActionResult TrySetRealtimePriority(int priority)
    {
        int min = ProcessNative.sched_get_priority_min(ProcessNative.SCHED_FIFO);
        int max = ProcessNative.sched_get_priority_max(ProcessNative.SCHED_FIFO);
        if (priority < min || priority > max)
            return HostActionResult.Failed(Net.Interop.Errno.EINVAL, $"SCHED_FIFO priority must be {min}..{max}, not {priority}");
        var parameters = new SchedulingParameters { Priority = priority };
        int tid = ProcessNative.gettid();
        if (ProcessNative.sched_setscheduler(tid, ProcessNative.SCHED_FIFO, &parameters) == 0)
            return HostActionResult.Ok($"thread {tid} runs SCHED_FIFO at priority {priority}");
        int errno = Marshal.GetLastPInvokeError();
        return HostActionResult.Failed(errno, errno == Net.Interop.Errno.EPERM
            ? "SCHED_FIFO refused (EPERM): grant CAP_SYS_NICE or set RLIMIT_RTPRIO (LimitRTPRIO=, ulimit -r); in a container also allow it in the runtime (cpu.rt_runtime_us / --cap-add SYS_NICE)"
            : $"sched_setscheduler failed ({Net.Interop.Errno.Describe(errno)})");
    }

    /// <summary>Back to SCHED_OTHER (the default time-sharing policy) for the calling thread.</summary>
    public static HostActionResult TryClearRealtimePriority()
    {
        var parameters = new SchedulingParameters { Priority = 0 };
        int tid = ProcessNative.gettid();
        if (ProcessNative.sched_setscheduler(tid, ProcessNative.SCHED_OTHER, &parameters) == 0)
            return HostActionResult.Ok($"thread {tid} back to SCHED_OTHER");
        int errno = Marshal.GetLastPInvokeError();
        return HostActionResult.Failed(errno, $"sched_setscheduler failed ({Net.Interop.Errno.Describe(errno)})");
    }

    /// <summary>Whether the calling thread currently runs under SCHED_FIFO.</summary>
    public static bool CurrentThreadIsRealtime() => ProcessNative.sched_getscheduler(ProcessNative.gettid()) == ProcessNative.SCHED_FIFO;

    internal static bool TryGetLimit(int resource, out ulong current, out ulong maximum)
    {
        ResourceLimit limit;
        bool ok = ProcessNative.getrlimit(resource, &limit) == 0;
        current = ok ? limit.Current : 0;
        maximum = ok ? limit.Maximum : 0;
        return ok;
    }
}
