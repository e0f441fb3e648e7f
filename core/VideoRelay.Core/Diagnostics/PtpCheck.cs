namespace VideoRelay.Core.Diagnostics;

/// <summary>Whether linuxptp (ptp4l, phc2sys) is installed and running, and which PTP clocks exist.</summary>
internal static class PtpCheck
{
    private static readonly string[] s_binDirectories = ["/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"];

    public static DoctorCheck Run(HostFiles files)
    {
        var running = files.ProcessNames();
        bool ptp4lRunning = running.Contains("ptp4l"), phc2sysRunning = running.Contains("phc2sys");
        bool ptp4lInstalled = Installed(files, "ptp4l"), phc2sysInstalled = Installed(files, "phc2sys");
        var clocks = files.List("/sys/class/ptp");
        bool chrony = running.Contains("chronyd"), ntpd = running.Contains("ntpd"), timesyncd = running.Contains("systemd-timesyn");
        string finding = $"ptp4l {State(ptp4lInstalled, ptp4lRunning)}, phc2sys {State(phc2sysInstalled, phc2sysRunning)}; "
            + $"PTP clocks: {(clocks.Count == 0 ? "none" : string.Join(", ", clocks))}; "
            + $"NTP: {(chrony ? "chronyd" : ntpd ? "ntpd" : timesyncd ? "systemd-timesyncd" : "none running")}";
        if (ptp4lRunning && phc2sysRunning)
            return new DoctorCheck("ptp-sync", DoctorStatus.Ok, finding, "cross-host hop latencies compare to within the PTP offset (check 'pmc -u -b 0 \"GET TIME_STATUS_NP\"')");
        return new DoctorCheck("ptp-sync", DoctorStatus.Info, finding,
            "one host needs nothing; across hosts run ptp4l -i <nic> (PHC to the grandmaster) and phc2sys -s <nic> -c CLOCK_REALTIME -w so hop timestamps taken on different machines compare (apt-get install linuxptp)");
    }

    private static bool Installed(HostFiles files, string name) => s_binDirectories.Any(d => files.Exists($"{d}/{name}"));

    private static string State(bool installed, bool running) =>
        running ? "running" : installed ? "installed, not running" : "not installed";
}
