using System.Globalization;

namespace VideoRelay.Core.Diagnostics;

/// <summary>Effective capabilities of this process (CapEff in /proc/self/status; bits from linux/capability.h).</summary>
internal static class Capabilities
{
    public const int IpcLock = 14;
    public const int SysNice = 23;
    public const int NetAdmin = 12;

    public static bool Has(HostFiles files, int capability)
    {
        string? status = files.Read("/proc/self/status");
        if (status is null)
            return false;
        foreach (string line in status.Split('\n'))
        {
            if (line.StartsWith("CapEff:", StringComparison.Ordinal)
                && ulong.TryParse(line.AsSpan(7).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong mask))
            {
                return (mask & (1UL << capability)) != 0;
            }
        }
        return false;
    }
}
