using System.Globalization;
using VideoRelay.Core.Diagnostics.Interop;

namespace VideoRelay.Core.Diagnostics;

/// <summary>Whether this process may use real-time scheduling (SCHED_FIFO).</summary>
internal static class SchedulingCheck
{
    public static DoctorCheck RealtimePriority(HostFiles files)
    {
        bool capability = Capabilities.Has(files, Capabilities.SysNice);
        HostTuning.TryGetLimit(ProcessNative.RLIMIT_RTPRIO, out ulong current, out ulong maximum);
        string runtime = files.Read("/proc/sys/kernel/sched_rt_runtime_us") ?? "?";
        string period = files.Read("/proc/sys/kernel/sched_rt_period_us") ?? "?";
        string finding = string.Create(CultureInfo.InvariantCulture,
            $"RLIMIT_RTPRIO soft {Format(current)}, hard {Format(maximum)}; CAP_SYS_NICE {(capability ? "held" : "not held")}; RT throttling {runtime}/{period} µs");
        if (capability || current > 0)
        {
            return new DoctorCheck("realtime-priority", DoctorStatus.Ok, finding,
                "SCHED_FIFO is allowed (HostTuning.TrySetRealtimePriority, when configured); keep priorities low (≤ 49) and only on threads that block");
        }
        return new DoctorCheck("realtime-priority", DoctorStatus.Warn, finding,
            "allow it: LimitRTPRIO=20 in the systemd unit (or /etc/security/limits.conf 'videorelay - rtprio 20', or CAP_SYS_NICE / docker --cap-add SYS_NICE --ulimit rtprio=20)");
    }

    private static string Format(ulong value) =>
        value == ResourceLimit.Infinity ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
}
