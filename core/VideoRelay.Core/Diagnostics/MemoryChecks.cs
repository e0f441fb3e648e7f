using System.Globalization;
using VideoRelay.Core.Diagnostics.Interop;

namespace VideoRelay.Core.Diagnostics;

/// <summary>Transparent huge pages and the memory-lock limit.</summary>
internal static class MemoryChecks
{
    public static DoctorCheck TransparentHugePages(HostFiles files)
    {
        string? enabled = files.Read("/sys/kernel/mm/transparent_hugepage/enabled");
        string? defrag = files.Read("/sys/kernel/mm/transparent_hugepage/defrag");
        if (enabled is null)
            return new DoctorCheck("transparent-hugepages", DoctorStatus.Info, "THP not present in this kernel", "nothing to change");
        string mode = Selected(enabled);
        string finding = $"enabled [{mode}]" + (defrag is null ? "" : $", defrag [{Selected(defrag)}]");
        return mode is "never" or "madvise"
            ? new DoctorCheck("transparent-hugepages", DoctorStatus.Ok, finding, "nothing to change")
            : new DoctorCheck("transparent-hugepages", DoctorStatus.Warn, finding,
                "echo madvise > /sys/kernel/mm/transparent_hugepage/enabled (boot: transparent_hugepage=madvise): 'always' lets khugepaged compaction stall the data path");
    }

    public static DoctorCheck MemoryLockLimit(HostFiles files)
    {
        bool capability = Capabilities.Has(files, Capabilities.IpcLock);
        if (!HostTuning.TryGetLimit(ProcessNative.RLIMIT_MEMLOCK, out ulong current, out ulong maximum))
            return new DoctorCheck("memlock-limit", DoctorStatus.Info, "getrlimit(RLIMIT_MEMLOCK) failed", "check ulimit -l");
        string finding = $"RLIMIT_MEMLOCK soft {Format(current)}, hard {Format(maximum)}; CAP_IPC_LOCK {(capability ? "held" : "not held")}";
        if (capability || current == ResourceLimit.Infinity)
            return new DoctorCheck("memlock-limit", DoctorStatus.Ok, finding, "mlockall (HostTuning.TryLockMemory, when configured) will succeed");
        return new DoctorCheck("memlock-limit", DoctorStatus.Warn, finding,
            "mlockall of a .NET process needs more: LimitMEMLOCK=infinity in the systemd unit (or ulimit -l unlimited, or CAP_IPC_LOCK / docker --ulimit memlock=-1)");
    }

    private static string Selected(string options)
    {
        int open = options.IndexOf('[');
        int close = options.IndexOf(']');
        return open >= 0 && close > open ? options[(open + 1)..close] : options;
    }

    private static string Format(ulong bytes) =>
        bytes == ResourceLimit.Infinity ? "unlimited"
        : bytes >= 1 << 20 ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1 << 20)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024} KiB");
}
