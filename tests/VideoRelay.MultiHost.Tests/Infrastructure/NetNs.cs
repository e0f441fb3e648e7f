using System.Diagnostics;

namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>Runs iproute2 / tc commands (we are root) and says exactly what failed.</summary>
internal static class NetNs
{
    /// <summary>Runs <c>ip args…</c>; throws with the command and its stderr when it fails.</summary>
    public static string Ip(params string[] args) => Run("ip", args);

    /// <summary>Runs <c>ip netns exec ns tc args…</c>.</summary>
    public static string Tc(string ns, params string[] args) => Run("ip", ["netns", "exec", ns, "tc", .. args]);

    /// <summary>Runs a command; null when it exits non-zero (for clean-up, where failures are expected).</summary>
    public static string? TryRun(string file, params string[] args)
    {
        (int code, string stdout, _) = Execute(file, args);
        return code == 0 ? stdout : null;
    }

    public static string Run(string file, params string[] args)
    {
        (int code, string stdout, string stderr) = Execute(file, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"`{file} {string.Join(' ', args)}` exited {code}: {stderr.Trim()}");
        }
        return stdout;
    }

    private static (int Code, string Stdout, string Stderr) Execute(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        string stdout = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(10_000))
        {
            p.Kill();
            throw new TimeoutException($"`{file} {string.Join(' ', args)}` did not finish in 10 s");
        }
        return (p.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }
}
