using System.Runtime.InteropServices;

namespace VideoRelay.Bench;

/// <summary>The lines every report starts with: CPU, cores, runtime, OS and the load average right now.</summary>
public static class MachineInfo
{
    public static string CpuModel()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/cpuinfo"))
            {
                if (line.StartsWith("model name", StringComparison.Ordinal))
                {
                    return line[(line.IndexOf(':') + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        return "unknown CPU";
    }

    /// <summary>The 1, 5 and 15 minute load averages and the threads runnable right now, from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} {parts[1]} {parts[2]} ({parts[3].Split('/')[0]} runnable now)";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Busy and total CPU time of the whole machine (all processes, all cores), in clock ticks, from /proc/stat.</summary>
    public static (long Busy, long Total) MachineCpuTicks()
    {
        try
        {
            string line = File.ReadLines("/proc/stat").First();
            long[] v = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(long.Parse).ToArray();
            long total = v.Sum();
            long idle = v[3] + v[4]; // idle + iowait
            return (total - idle, total);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>Cores the whole machine kept busy between two <see cref="MachineCpuTicks"/> readings.</summary>
    public static double BusyCores((long Busy, long Total) from, (long Busy, long Total) to) =>
        to.Total > from.Total ? (double)(to.Busy - from.Busy) / (to.Total - from.Total) * Environment.ProcessorCount : double.NaN;

    public static string Describe() =>
        $"{CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, load average {LoadAverage()}";
}
