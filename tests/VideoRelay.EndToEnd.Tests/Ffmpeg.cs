using System.Diagnostics;
using System.Text;

namespace VideoRelay.EndToEnd.Tests;

/// <summary>The real ffmpeg CLI as a publisher.</summary>
internal sealed class Ffmpeg : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();

    private Ffmpeg(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    /// <summary>A 720p30 x264 (zerolatency: no B-frames) + AAC test pattern, in real time, for <paramref name="seconds"/>.</summary>
    public static Ffmpeg PublishTestPattern(string url, double seconds, string format = "flv", string size = "1280x720", string extraVideo = "-tune zerolatency") =>
        Start($"-hide_banner -loglevel warning -re -f lavfi -i testsrc2=size={size}:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 " +
              $"-t {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} -c:v libx264 -preset ultrafast {extraVideo} -g 30 -pix_fmt yuv420p " +
              $"-c:a aac -b:a 96k -f {format} \"{url}\"");

    public static Ffmpeg Start(string arguments)
    {
        var psi = new ProcessStartInfo("ffmpeg", "-nostdin " + arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = false,
            UseShellExecute = false,
        };
        return new Ffmpeg(Process.Start(psi)!);
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"ffmpeg did not finish in {timeout}: {Stderr}");
        }
        return _process.ExitCode;
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
