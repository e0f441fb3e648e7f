using System.Runtime.InteropServices;

namespace VideoRelay.Core.Diagnostics.Interop;

/// <summary>
/// Process and thread tuning calls from libc. Numbers from /usr/include/x86_64-linux-gnu/bits/resource.h
/// (RLIMIT_MEMLOCK 8, RLIMIT_RTPRIO 14), bits/mman-linux.h (MCL_CURRENT 1, MCL_FUTURE 2) and bits/sched.h
/// (SCHED_OTHER 0, SCHED_FIFO 1). cpu_set_t is 1024 bits (128 bytes) in glibc.
/// </summary>
internal static unsafe partial class ProcessNative
{
    public const int RLIMIT_MEMLOCK = 8;
    public const int RLIMIT_RTPRIO = 14;
    public const int MCL_CURRENT = 1;
    public const int MCL_FUTURE = 2;
    public const int SCHED_OTHER = 0;
    public const int SCHED_FIFO = 1;
    public const int CpuSetBytes = 128;

    [LibraryImport("libc", SetLastError = true)]
    public static partial int getrlimit(int resource, ResourceLimit* limit);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int mlockall(int flags);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int munlockall();

    [LibraryImport("libc", SetLastError = true)]
    public static partial int gettid();

    public const int PRIO_PROCESS = 0;

    /// <summary>setpriority(PRIO_PROCESS, tid, nice): on Linux a tid names one thread.</summary>
    [LibraryImport("libc", SetLastError = true)]
    public static partial int setpriority(int which, int who, int prio);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_setaffinity(int tid, nuint size, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_getaffinity(int tid, nuint size, byte* mask);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_setscheduler(int tid, int policy, SchedulingParameters* parameters);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_getscheduler(int tid);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_get_priority_max(int policy);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int sched_get_priority_min(int policy);
}
