using System.Diagnostics;
using System.Globalization;
using System.Text;
using VideoRelay.Core.Timing;
using VideoRelay.TestSource;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// The bench publisher: draws test-pattern frames whose timecode is their capture time, writes each one as raw
/// I420 into the real ffmpeg CLI at its capture time (paced to the frame rate, never in bursts), and ffmpeg
/// encodes with x264 ultrafast/zerolatency and publishes over RTMP or SRT. The capture time of frame <c>i</c>
/// is the instant its first byte went into the pipe (what a camera's "frame ready" would be).
/// </summary>
internal sealed class BenchPublisher : IAsyncDisposable
{
    private const int MaxStderrChars = 16 * 1024;

    private readonly Process _process;
    private readonly Stream _stdin;
    private readonly TestPatternGenerator _pattern;
    private readonly Thread _thread;
    private readonly StringBuilder _stderr = new();
    private volatile bool _stopping;

    private BenchPublisher(Process process, TestPatternGenerator pattern, CaptureLog log, string arguments)
    {
        _process = process;
        _stdin = process.StandardInput.BaseStream;
        _pattern = pattern;
        Log = log;
        Arguments = arguments;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    if (_stderr.Length < MaxStderrChars)
                    {
                        _stderr.AppendLine(e.Data);
                    }
                }
            }
        };
        _process.BeginErrorReadLine();
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-publisher", Priority = ThreadPriority.AboveNormal };
    }

    public CaptureLog Log { get; }

    /// <summary>ffmpeg's command line (for the report).</summary>
    public string Arguments { get; }

    /// <summary>Capture → the frame's last byte accepted by the pipe (ffmpeg reading it).</summary>
    public LatencyHistogram PipeWrite { get; } = new("publisher/pipe-write");

    /// <summary>Frames that started more than one frame interval late (the machine could not keep up).</summary>
    public long LateFrames;

    /// <summary>Why the publisher stopped early (ffmpeg exited, the pipe broke), or null.</summary>
    public string? Failure { get; private set; }

    public bool HasExited => _process.HasExited;

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

    /// <summary>The ffmpeg arguments that encode raw I420 from stdin and publish to <paramref name="url"/>.</summary>
    public static string BuildArguments(int width, int height, int fps, string protocol, string url) =>
        "-hide_banner -loglevel warning -nostdin " +
        $"-f rawvideo -pix_fmt yuv420p -s {width}x{height} -r {fps.ToString(CultureInfo.InvariantCulture)} -i - " +
        $"-c:v libx264 -preset ultrafast -tune zerolatency -g {2 * fps} -pix_fmt yuv420p -flush_packets 1 " +
        (protocol == "srt" ? $"-f mpegts \"{url}\"" : $"-f flv \"{url}\"");

    /// <summary>Starts ffmpeg and the pacing thread; frame 0 is due <paramref name="leadMs"/> from now.</summary>
    public static BenchPublisher Start(int width, int height, int fps, string protocol, string url, int maxFrames, int leadMs = 200)
    {
        string arguments = BuildArguments(width, height, fps, protocol, url);
        var psi = new ProcessStartInfo("ffmpeg", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(psi) ?? throw new InvalidOperationException("could not start ffmpeg");
        var log = new CaptureLog(Clock.UnixNowNs() + leadMs * 1_000_000L, fps, maxFrames);
        var publisher = new BenchPublisher(process, new TestPatternGenerator(width, height), log, arguments);
        publisher._thread.Start();
        return publisher;
    }

    private void Run()
    {
        byte[] frame = GC.AllocateUninitializedArray<byte>(_pattern.FrameSize, pinned: true);
        long intervalNs = 1_000_000_000L / Log.FramesPerSecond;
        try
        {
            for (int i = 0; i < Log.Capacity && !_stopping; i++)
            {
                long due = Log.ScheduledUnixNs(i);
                _pattern.Render(frame, i, due / 1_000_000);
                WaitUntil(due);
                long capture = Clock.UnixNowNs();
                if (capture - due > intervalNs)
                {
                    Interlocked.Increment(ref LateFrames);
                }
                Log.Record(i, capture);
                _stdin.Write(frame);
                _stdin.Flush();
                PipeWrite.Record(Clock.UnixNowNs() - capture);
            }
        }
        catch (IOException e)
        {
            if (!_stopping)
            {
                Failure = $"the pipe to ffmpeg broke ({e.Message}); ffmpeg said: {Stderr.Trim()}";
            }
        }
        catch (ObjectDisposedException) when (_stopping)
        {
            // stopped while writing
        }
    }

    /// <summary>Sleeps to about a millisecond before <paramref name="dueUnixNs"/>, then spins to it.</summary>
    private void WaitUntil(long dueUnixNs)
    {
        while (!_stopping)
        {
            long left = dueUnixNs - Clock.UnixNowNs();
            if (left <= 0)
            {
                return;
            }
            if (left > 2_000_000)
            {
                Thread.Sleep((int)((left - 1_500_000) / 1_000_000));
            }
            else
            {
                Thread.SpinWait(50);
            }
        }
    }

    /// <summary>Stops writing, closes ffmpeg's stdin (it flushes and exits), kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        try
        {
            _stdin.Dispose();
        }
        catch (IOException)
        {
            // ffmpeg already gone
        }
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        _process.Dispose();
    }
}
