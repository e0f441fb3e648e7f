using System.Globalization;

namespace VideoRelay.Core.Diagnostics;

/// <summary>
/// Where the NICs' interrupts go: the IRQs of each physical interface (its device's msi_irqs, or its parent's
/// for virtio, plus /proc/interrupts lines named after it), their smp_affinity_list and where they fired.
/// </summary>
internal static class IrqAffinityCheck
{
    private const int MaxListed = 8;

    public static DoctorCheck Run(HostFiles files, IReadOnlySet<int> isolated)
    {
        var interrupts = ParseInterrupts(files.Read("/proc/interrupts"));
        var parts = new List<string>();
        bool onIsolated = false;
        var virtualOnes = new List<string>();
        foreach (string nic in files.List("/sys/class/net"))
        {
            if (nic == "lo")
                continue;
            string? device = files.ResolveLink($"/sys/class/net/{nic}/device");
            if (device is null || !files.Exists($"/sys/class/net/{nic}/device"))
            {
                virtualOnes.Add(nic);
                continue;
            }
            var irqs = new SortedSet<int>();
            AddMsiIrqs(device, irqs);
            if (irqs.Count == 0 && Directory.GetParent(device) is { } parent)
                AddMsiIrqs(parent.FullName, irqs);
            string deviceName = Path.GetFileName(device);
            foreach (var (irq, line) in interrupts)
            {
                if (line.Name.Contains(nic, StringComparison.Ordinal) || line.Name.StartsWith(deviceName + "-", StringComparison.Ordinal))
                    irqs.Add(irq);
            }
            if (irqs.Count == 0)
            {
                parts.Add($"{nic}: no IRQs found");
                continue;
            }
            var described = new List<string>();
            foreach (int irq in irqs)
            {
                string affinity = files.Read($"/proc/irq/{irq}/smp_affinity_list") ?? "?";
                var cpus = CpuList.Parse(affinity);
                if (isolated.Count > 0 && cpus.Overlaps(isolated))
                    onIsolated = true;
                if (described.Count < MaxListed && interrupts.TryGetValue(irq, out var line))
                    described.Add(string.Create(CultureInfo.InvariantCulture, $"{irq} {line.Name} → CPUs {affinity} (fired {line.Fired})"));
                else if (described.Count < MaxListed)
                    described.Add($"{irq} → CPUs {affinity}");
            }
            string more = irqs.Count > MaxListed ? $", … {irqs.Count - MaxListed} more" : "";
            parts.Add($"{nic}: {irqs.Count} IRQ(s): {string.Join("; ", described)}{more}");
        }
        if (virtualOnes.Count > 0)
            parts.Add($"virtual (no IRQs): {string.Join(", ", virtualOnes)}");
        bool irqbalance = files.ProcessNames().Contains("irqbalance");
        parts.Add(irqbalance ? "irqbalance running" : "irqbalance not running");
        string finding = string.Join(" | ", parts);
        if (onIsolated)
        {
            return new DoctorCheck("nic-irq-affinity", DoctorStatus.Warn, finding,
                "NIC IRQs may land on isolated CPUs: write housekeeping CPUs to /proc/irq/<n>/smp_affinity_list (and stop irqbalance or ban those CPUs with IRQBALANCE_BANNED_CPULIST)");
        }
        return new DoctorCheck("nic-irq-affinity", DoctorStatus.Info, finding,
            "on a dedicated host keep each NIC queue's IRQ on a housekeeping CPU next to (same NUMA node, not the same core as) the thread reading that queue");
    }

    private static void AddMsiIrqs(string deviceDirectory, SortedSet<int> irqs)
    {
        try
        {
            string msi = Path.Join(deviceDirectory, "msi_irqs");
            if (!Directory.Exists(msi))
                return;
            foreach (string entry in Directory.EnumerateFileSystemEntries(msi))
            {
                if (int.TryParse(Path.GetFileName(entry), NumberStyles.None, CultureInfo.InvariantCulture, out int irq))
                    irqs.Add(irq);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Numeric IRQ lines of /proc/interrupts: total count fired and the name (last column).</summary>
    internal static Dictionary<int, (long Fired, string Name)> ParseInterrupts(string? text)
    {
        var result = new Dictionary<int, (long, string)>();
        if (text is null)
            return result;
        foreach (string raw in text.Split('\n'))
        {
            string line = raw.Trim();
            int colon = line.IndexOf(':');
            if (colon <= 0 || !int.TryParse(line.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out int irq))
                continue;
            string[] fields = line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long fired = 0;
            int i = 0;
            for (; i < fields.Length && long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out long count); i++)
                fired += count;
            string name = fields.Length > i ? fields[^1] : "?";
            result[irq] = (fired, name);
        }
        return result;
    }
}
