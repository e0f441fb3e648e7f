using System.Globalization;
using System.Text;

namespace VideoRelay.Core.Diagnostics;

/// <summary>The kernel's CPU list format ("0-3,8,10-11"), as in isolcpus= and smp_affinity_list.</summary>
internal static class CpuList
{
    private const int MaxCpu = 4095;

    /// <summary>Parses a list; flags such as "domain," or "managed_irq," (isolcpus) are skipped.</summary>
    public static SortedSet<int> Parse(string? text)
    {
        var cpus = new SortedSet<int>();
        if (string.IsNullOrWhiteSpace(text))
            return cpus;
        foreach (string part in text.Trim().Split(','))
        {
            string item = part.Trim();
            int dash = item.IndexOf('-');
            if (dash < 0)
            {
                if (TryCpu(item, out int cpu))
                    cpus.Add(cpu);
            }
            else if (TryCpu(item[..dash], out int first) && TryCpu(item[(dash + 1)..], out int last) && first <= last)
            {
                for (int cpu = first; cpu <= last; cpu++)
                    cpus.Add(cpu);
            }
        }
        return cpus;
    }

    public static string Format(IEnumerable<int> cpus)
    {
        var builder = new StringBuilder();
        int start = -1, previous = -2;
        foreach (int cpu in cpus.Order())
        {
            if (cpu == previous + 1)
            {
                previous = cpu;
                continue;
            }
            Append(builder, start, previous);
            start = previous = cpu;
        }
        Append(builder, start, previous);
        return builder.Length == 0 ? "none" : builder.ToString();
    }

    private static void Append(StringBuilder builder, int start, int end)
    {
        if (start < 0)
            return;
        if (builder.Length > 0)
            builder.Append(',');
        builder.Append(CultureInfo.InvariantCulture, $"{start}");
        if (end > start)
            builder.Append(CultureInfo.InvariantCulture, $"-{end}");
    }

    private static bool TryCpu(string text, out int cpu) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out cpu) && cpu <= MaxCpu;
}
