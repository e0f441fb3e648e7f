using System.Diagnostics;

namespace VideoRelay.Ingest.Rtmp.Tests.Support;

/// <summary>Runs the ffmpeg CLI as a publisher and returns its exit code and stderr.</summary>
internal static class FfmpegRunner
{
    public static async Task<(int ExitCode, string Log)> PublishAsync(string url, string videoCodecArgs, double seconds = 3, int timeoutMs = 30_000)
    {
        string args = "-hide_banner -nostdin -loglevel info " +
            "-f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=f=440:r=44100 " +
            $"-t {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} {videoCodecArgs} -c:a aac -f flv {url}";
        var psi = new ProcessStartInfo("ffmpeg", args)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("ffmpeg did not start");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeoutMs);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        await stdout;
        return (process.ExitCode, await stderr);
    }

    public const string ZeroLatencyX264 = "-c:v libx264 -preset ultrafast -tune zerolatency -g 30";
    public const string DefaultX264 = "-c:v libx264 -preset ultrafast -g 30 -bf 2";
}
