namespace VideoRelay.Core.Diagnostics;

/// <summary>
/// Looks at how the host is tuned for low latency and says what to change: CPU governor, isolated cores,
/// NIC IRQ affinity, transparent huge pages, memory-lock and real-time limits, NIC hardware timestamping,
/// UDP buffer limits, clock source and PTP. Read-only; allocates freely (run it at start-up or on request).
/// docs/HOST-TUNING.md explains each check by name.
/// </summary>
public sealed class HostDoctor
{
    private readonly HostFiles _files;

    /// <summary>Creates a doctor for this host, or for a copy of its /proc and /sys under <paramref name="root"/>.</summary>
    public HostDoctor(string root = "/")
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        _files = new HostFiles(root);
    }

    /// <summary>Runs every check; each returns a finding even when it cannot decide (then as Info).</summary>
    public IReadOnlyList<DoctorCheck> Run()
    {
        var checks = new List<DoctorCheck>(10);
        checks.Add(Guard("cpu-governor", () => CpuChecks.Governor(_files)));
        SortedSet<int> isolated = [];
        checks.Add(Guard("isolated-cores", () => CpuChecks.IsolatedCores(_files, out isolated)));
        checks.Add(Guard("nic-irq-affinity", () => IrqAffinityCheck.Run(_files, isolated)));
        checks.Add(Guard("transparent-hugepages", () => MemoryChecks.TransparentHugePages(_files)));
        checks.Add(Guard("memlock-limit", () => MemoryChecks.MemoryLockLimit(_files)));
        checks.Add(Guard("realtime-priority", () => SchedulingCheck.RealtimePriority(_files)));
        checks.Add(Guard("nic-timestamping", () => NetworkChecks.NicTimestamping(_files)));
        checks.Add(Guard("udp-buffers", () => NetworkChecks.UdpBuffers(_files)));
        checks.Add(Guard("clocksource", () => CpuChecks.ClockSource(_files)));
        checks.Add(Guard("ptp-sync", () => PtpCheck.Run(_files)));
        return checks;
    }

    /// <summary>One check failing unexpectedly becomes an Info finding, never a crash of the node.</summary>
    private static DoctorCheck Guard(string name, Func<DoctorCheck> check)
    {
        try
        {
            return check();
        }
#pragma warning disable CA1031 // the doctor reports, it does not fail
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new DoctorCheck(name, DoctorStatus.Info, $"check failed: {e.GetType().Name}: {e.Message}", "report this; the other checks are unaffected");
        }
    }
}
