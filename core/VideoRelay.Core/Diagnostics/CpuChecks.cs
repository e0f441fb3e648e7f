using System.Globalization;

namespace VideoRelay.Core.Diagnostics;

/// <summary>CPU frequency governor, isolated cores, clock source.</summary>
internal static class CpuChecks
{
    public static DoctorCheck Governor(HostFiles files)
    {
        var governors = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (string cpu in files.List("/sys/devices/system/cpu", "cpu*"))
        {
            if (cpu.Length <= 3 || !char.IsAsciiDigit(cpu[3]))
                continue;
            if (files.Read($"/sys/devices/system/cpu/{cpu}/cpufreq/scaling_governor") is { Length: > 0 } governor)
            {
                if (!governors.TryGetValue(governor, out var cpus))
                    governors[governor] = cpus = [];
                cpus.Add(cpu);
            }
        }
        const string advice = "set every CPU to 'performance': cpupower frequency-set -g performance (or tuned-adm profile latency-performance)";
        if (governors.Count == 0)
        {
            return new DoctorCheck("cpu-governor", DoctorStatus.Info,
                "no cpufreq scaling_governor (a VM, or no cpufreq driver): frequency is the hypervisor's or firmware's business",
                "on bare metal load the cpufreq driver and " + advice + "; in a VM ask for dedicated, non-throttled vCPUs");
        }
        string finding = string.Join(", ", governors.Select(g => $"{g.Key} on {g.Value.Count} CPU(s)"));
        return governors.Count == 1 && governors.ContainsKey("performance")
            ? new DoctorCheck("cpu-governor", DoctorStatus.Ok, finding, "nothing to change")
            : new DoctorCheck("cpu-governor", DoctorStatus.Warn, finding,
                advice + "; powersave/schedutil ramp the clock up after the packet has already waited");
    }

    public static DoctorCheck IsolatedCores(HostFiles files, out SortedSet<int> isolated)
    {
        isolated = CpuList.Parse(files.Read("/sys/devices/system/cpu/isolated"));
        string cmdline = files.Read("/proc/cmdline") ?? "";
        string? isolcpus = Parameter(cmdline, "isolcpus");
        string? nohzFull = Parameter(cmdline, "nohz_full");
        string? rcuNocbs = Parameter(cmdline, "rcu_nocbs");
        var nohz = CpuList.Parse(files.Read("/sys/devices/system/cpu/nohz_full") ?? nohzFull);
        string finding = string.Create(CultureInfo.InvariantCulture,
            $"isolated: {CpuList.Format(isolated)}; nohz_full: {CpuList.Format(nohz)}; cmdline isolcpus={isolcpus ?? "-"} nohz_full={nohzFull ?? "-"} rcu_nocbs={rcuNocbs ?? "-"}");
        if (isolated.Count > 0)
        {
            return new DoctorCheck("isolated-cores", DoctorStatus.Ok, finding,
                "pin the pipeline threads onto the isolated CPUs (HostTuning.TryPinCurrentThread) and keep NIC IRQs off them");
        }
        return new DoctorCheck("isolated-cores", DoctorStatus.Info, finding,
            "none isolated — fine on a shared or small host; on a dedicated host boot with isolcpus=managed_irq,domain,<cpus> nohz_full=<cpus> rcu_nocbs=<cpus> and pin the pipeline there");
    }

    public static DoctorCheck ClockSource(HostFiles files)
    {
        string? current = files.Read("/sys/devices/system/clocksource/clocksource0/current_clocksource");
        string available = files.Read("/sys/devices/system/clocksource/clocksource0/available_clocksource") ?? "";
        if (current is null)
            return new DoctorCheck("clocksource", DoctorStatus.Info, "clock source not readable", "check /sys/devices/system/clocksource/clocksource0");
        string finding = $"current {current}; available {(available.Length > 0 ? available : "?")}";
        if (current == "tsc")
            return new DoctorCheck("clocksource", DoctorStatus.Ok, finding, "nothing to change: reading the clock is a vDSO rdtsc, no system call");
        bool tscAvailable = available.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("tsc");
        return tscAvailable
            ? new DoctorCheck("clocksource", DoctorStatus.Warn, finding,
                "switch to tsc: echo tsc > /sys/devices/system/clocksource/clocksource0/current_clocksource (boot: clocksource=tsc tsc=reliable); every timestamp read gets cheaper")
            : new DoctorCheck("clocksource", DoctorStatus.Info, finding,
                "tsc is not offered (unstable or hidden by the hypervisor); kvm-clock is the best a VM without invariant TSC has");
    }

    private static string? Parameter(string cmdline, string name)
    {
        foreach (string token in cmdline.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token.StartsWith(name + "=", StringComparison.Ordinal))
                return token[(name.Length + 1)..];
        }
        return null;
    }
}
