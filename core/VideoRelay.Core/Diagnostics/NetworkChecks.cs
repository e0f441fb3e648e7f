using System.Globalization;
using VideoRelay.Core.Net;

namespace VideoRelay.Core.Diagnostics;

/// <summary>NIC timestamping capability and UDP buffer limits.</summary>
internal static class NetworkChecks
{
    public const long WantedBufferBytes = 4 * 1024 * 1024;

    public static DoctorCheck NicTimestamping(HostFiles files)
    {
        var infos = new List<InterfaceTimestampingInfo>();
        foreach (string nic in files.List("/sys/class/net"))
        {
            if (nic != "lo")
                infos.Add(InterfaceTimestamping.Query(nic));
        }
        if (infos.Count == 0)
        {
            return new DoctorCheck("nic-timestamping", DoctorStatus.Info, "no interface besides lo",
                "software timestamps only (loopback has no NIC clock)");
        }
        string finding = string.Join("; ", infos.Select(i => i.ToString()));
        if (infos.Any(i => i.HardwareRx && i.HardwareTx && i.PhcIndex >= 0))
        {
            return new DoctorCheck("nic-timestamping", DoctorStatus.Ok, finding,
                "request TimestampRequest.HardwareIfAvailable on sockets bound to that NIC's address, and discipline its PHC with ptp4l + phc2sys");
        }
        return new DoctorCheck("nic-timestamping", DoctorStatus.Info, finding,
            "no NIC stamps in hardware here (typical of VMs: virtio, ifb, veth): kernel software stamps are used — they include the softirq path but not the NIC queue");
    }

    public static DoctorCheck UdpBuffers(HostFiles files)
    {
        long rmemMax = Number(files.Read("/proc/sys/net/core/rmem_max"));
        long wmemMax = Number(files.Read("/proc/sys/net/core/wmem_max"));
        long rmemDefault = Number(files.Read("/proc/sys/net/core/rmem_default"));
        long wmemDefault = Number(files.Read("/proc/sys/net/core/wmem_default"));
        string finding = string.Create(CultureInfo.InvariantCulture,
            $"rmem_max {Show(rmemMax)}, wmem_max {Show(wmemMax)} (defaults {Show(rmemDefault)} / {Show(wmemDefault)})");
        if (rmemMax < 0 || wmemMax < 0)
            return new DoctorCheck("udp-buffers", DoctorStatus.Info, finding, "could not read /proc/sys/net/core (network namespace?)");
        return rmemMax >= WantedBufferBytes && wmemMax >= WantedBufferBytes
            ? new DoctorCheck("udp-buffers", DoctorStatus.Ok, finding, "sockets may ask for 4 MiB buffers (SO_RCVBUF/SO_SNDBUF) and get them")
            : new DoctorCheck("udp-buffers", DoctorStatus.Warn, finding,
                "sysctl -w net.core.rmem_max=8388608 net.core.wmem_max=8388608 (persist in /etc/sysctl.d/60-videorelay.conf): a burst of a keyframe to many viewers overflows small buffers and drops");
    }

    private static long Number(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : -1;

    private static string Show(long bytes) =>
        bytes < 0 ? "?" : bytes >= 1 << 20 && bytes % (1 << 20) == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes >> 20} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes} B");
}
