using VideoRelay.Core.Diagnostics;

namespace VideoRelay.Net.Tests;

public sealed class HostDoctorTests
{
    private static readonly string[] s_expected =
    [
        "cpu-governor", "isolated-cores", "nic-irq-affinity", "transparent-hugepages", "memlock-limit",
        "realtime-priority", "nic-timestamping", "udp-buffers", "clocksource", "ptp-sync",
    ];

    [Fact]
    public void Run_returns_every_check_with_a_finding_and_advice_on_this_machine()
    {
        var checks = new HostDoctor().Run();

        Assert.Equal(s_expected, checks.Select(c => c.Name));
        Assert.All(checks, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Finding), c.Name);
            Assert.False(string.IsNullOrWhiteSpace(c.Advice), c.Name);
            Assert.DoesNotContain("check failed", c.Finding);
        });
    }

    [Fact]
    public void Run_on_this_machine_reports_what_it_really_has()
    {
        var checks = new HostDoctor().Run().ToDictionary(c => c.Name);
        // Facts of the Debian VM these tests run on; each comparison reads the same file the doctor reads.
        string thp = File.ReadAllText("/sys/kernel/mm/transparent_hugepage/enabled");
        Assert.Equal(thp.Contains("[always]") ? DoctorStatus.Warn : DoctorStatus.Ok, checks["transparent-hugepages"].Status);
        string clock = File.ReadAllText("/sys/devices/system/clocksource/clocksource0/current_clocksource").Trim();
        Assert.Contains($"current {clock}", checks["clocksource"].Finding);
        foreach (string nic in Directory.EnumerateFileSystemEntries("/sys/class/net").Select(Path.GetFileName).OfType<string>().Where(n => n != "lo"))
            Assert.Contains($"{nic}: ", checks["nic-timestamping"].Finding);
        if (!Directory.EnumerateDirectories("/sys/devices/system/cpu", "cpu*").Any(d => File.Exists(Path.Join(d, "cpufreq/scaling_governor"))))
            Assert.Equal(DoctorStatus.Info, checks["cpu-governor"].Status);
    }

    [Fact]
    public void Fake_host_with_powersave_thp_always_small_buffers_and_hpet_gets_warnings()
    {
        using var root = new FakeRoot();
        root.Write("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "powersave");
        root.Write("/sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance");
        root.Write("/sys/devices/system/cpu/isolated", "");
        root.Write("/proc/cmdline", "quiet");
        root.Write("/sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never");
        root.Write("/proc/sys/net/core/rmem_max", "212992");
        root.Write("/proc/sys/net/core/wmem_max", "212992");
        root.Write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "hpet");
        root.Write("/sys/devices/system/clocksource/clocksource0/available_clocksource", "tsc hpet acpi_pm");

        var checks = new HostDoctor(root.Path).Run().ToDictionary(c => c.Name);

        Assert.Equal(DoctorStatus.Warn, checks["cpu-governor"].Status);
        Assert.Equal("performance on 1 CPU(s), powersave on 1 CPU(s)", checks["cpu-governor"].Finding);
        Assert.Equal(DoctorStatus.Info, checks["isolated-cores"].Status);
        Assert.Equal(DoctorStatus.Warn, checks["transparent-hugepages"].Status);
        Assert.Equal(DoctorStatus.Warn, checks["udp-buffers"].Status);
        Assert.Equal(DoctorStatus.Warn, checks["clocksource"].Status);
        Assert.All(checks.Values, c => Assert.False(string.IsNullOrWhiteSpace(c.Finding)));
    }

    [Fact]
    public void Fake_tuned_host_is_ok_and_irqs_on_isolated_cores_warn()
    {
        using var root = new FakeRoot();
        root.Write("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor", "performance");
        root.Write("/sys/devices/system/cpu/cpu1/cpufreq/scaling_governor", "performance");
        root.Write("/sys/devices/system/cpu/isolated", "2-3");
        root.Write("/proc/cmdline", "isolcpus=managed_irq,domain,2-3 nohz_full=2-3 rcu_nocbs=2-3");
        root.Write("/sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]");
        root.Write("/proc/sys/net/core/rmem_max", "8388608");
        root.Write("/proc/sys/net/core/wmem_max", "8388608");
        root.Write("/sys/devices/system/clocksource/clocksource0/current_clocksource", "tsc");
        root.Write("/sys/devices/pci0000:00/0000:00:03.0/msi_irqs/40", "msi");
        root.Write("/sys/devices/pci0000:00/0000:00:03.0/msi_irqs/41", "msi");
        root.Directory("/sys/devices/pci0000:00/0000:00:03.0/net/eth9");
        root.Link("/sys/devices/pci0000:00/0000:00:03.0/net/eth9/device", "../..");
        root.Link("/sys/class/net/eth9", "../../devices/pci0000:00/0000:00:03.0/net/eth9");
        root.Write("/proc/interrupts", "           CPU0       CPU1\n 40:        10         5   PCI-MSIX eth9-TxRx-0\n 41:         0       100   PCI-MSIX eth9-TxRx-1\nNMI:  0 0  Non-maskable interrupts\n");
        root.Write("/proc/irq/40/smp_affinity_list", "0");
        root.Write("/proc/irq/41/smp_affinity_list", "2-3");

        var checks = new HostDoctor(root.Path).Run().ToDictionary(c => c.Name);

        Assert.Equal(DoctorStatus.Ok, checks["cpu-governor"].Status);
        Assert.Equal(DoctorStatus.Ok, checks["isolated-cores"].Status);
        Assert.Contains("isolated: 2-3", checks["isolated-cores"].Finding);
        Assert.Equal(DoctorStatus.Ok, checks["transparent-hugepages"].Status);
        Assert.Equal(DoctorStatus.Ok, checks["udp-buffers"].Status);
        Assert.Equal(DoctorStatus.Ok, checks["clocksource"].Status);
        var irq = checks["nic-irq-affinity"];
        Assert.Equal(DoctorStatus.Warn, irq.Status);
        Assert.Contains("eth9: 2 IRQ(s): 40 eth9-TxRx-0 → CPUs 0 (fired 15); 41 eth9-TxRx-1 → CPUs 2-3 (fired 100)", irq.Finding);
    }

    [Theory]
    [InlineData("0-3,8,10-11", "0-3,8,10-11")]
    [InlineData("managed_irq,domain,2-3", "2-3")]
    [InlineData("", "none")]
    [InlineData("5", "5")]
    [InlineData("3-1,x,9999999", "none")]
    public void Cpu_lists_parse_and_format(string text, string expected)
    {
        Assert.Equal(expected, CpuList.Format(CpuList.Parse(text)));
    }

    [Fact]
    public void Proc_interrupts_lines_sum_per_cpu_counts_and_keep_the_name()
    {
        var parsed = IrqAffinityCheck.ParseInterrupts("           CPU0       CPU1\n 38:          3      1200 PCI-MSIX-0000:00:03.0   1-edge      virtio2-input.0\nLOC:  1 2  Local timer interrupts\n");
        Assert.Equal((1203L, "virtio2-input.0"), parsed[38]);
        Assert.Single(parsed);
    }
}
