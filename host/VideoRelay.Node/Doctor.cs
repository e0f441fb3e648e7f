using VideoRelay.Core.Diagnostics;

namespace VideoRelay.Node;

/// <summary>`VideoRelay.Node doctor` (or `scripts/run.sh doctor`): checks this host against docs/HOST-TUNING.md.</summary>
internal static class Doctor
{
    public static int Run()
    {
        IReadOnlyList<DoctorCheck> checks = new HostDoctor().Run();
        Console.WriteLine("VideoRelay host check (see docs/HOST-TUNING.md for each item)");
        foreach (DoctorCheck check in checks)
        {
            string mark = check.Status switch
            {
                DoctorStatus.Ok => "ok  ",
                DoctorStatus.Warn => "WARN",
                _ => "info",
            };
            Console.WriteLine($"[{mark}] {check.Name}: {check.Finding}");
            if (check.Status != DoctorStatus.Ok && !string.IsNullOrEmpty(check.Advice))
            {
                Console.WriteLine($"       → {check.Advice}");
            }
        }
        int warnings = checks.Count(c => c.Status == DoctorStatus.Warn);
        Console.WriteLine(warnings == 0 ? "No warnings." : $"{warnings} warning(s).");
        return 0;
    }
}
