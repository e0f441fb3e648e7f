using System.ComponentModel;
using System.Globalization;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// <c>bench latency</c>: the whole path measured hop by hop. Starts an all-in-one node in this process, publishes a
/// paced test pattern through the real ffmpeg CLI (x264 ultrafast/zerolatency over RTMP or SRT), watches it with
/// our WHEP viewers (N on the source, one on a transcoded rendition) and optionally headless Chromium, and
/// reports every hop's distribution (table, .hgrm, PNG) and, on request, the docs' measured table.
/// </summary>
public static class LatencyBench
{
    public const string StreamName = "bench";

    public static int Run(string[] args) => RunAsync(args, Console.Out, CancellationToken.None).GetAwaiter().GetResult();

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!LatencyBenchOptions.TryParse(args, out LatencyBenchOptions options, out string error))
        {
            await output.WriteLineAsync($"bench latency: {error}\nusage: {LatencyBenchOptions.Usage}").ConfigureAwait(false);
            return 2;
        }
        try
        {
            return await new LatencyRun(options, output).RunAsync(ct).ConfigureAwait(false);
        }
        catch (Win32Exception e)
        {
            await output.WriteLineAsync($"bench latency: could not start ffmpeg ({e.Message}); install it (apt-get install ffmpeg)").ConfigureAwait(false);
            return 1;
        }
        catch (LatencyBenchException e)
        {
            await output.WriteLineAsync($"bench latency: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The checkout's root (the folder holding VideoRelay.sln) above the working directory or the binary, else the working directory.</summary>
    internal static string FindCheckoutRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "VideoRelay.sln")))
                {
                    return d.FullName;
                }
            }
        }
        return Directory.GetCurrentDirectory();
    }

    /// <summary>CPU model, core count and load average, for the report.</summary>
    internal static string DescribeMachine()
    {
        string cpu = "unknown CPU";
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            if (line is not null)
            {
                cpu = line[(line.IndexOf(':') + 1)..].Trim();
            }
        }
        catch (IOException)
        {
            // not Linux: leave it unknown
        }
        string load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
        return string.Create(CultureInfo.InvariantCulture, $"{cpu}, {Environment.ProcessorCount} cores, load average {load}");
    }

    /// <summary>Ingest's IStreamHandle for the bench stream, once it is live with a video rendition.</summary>
    internal static async Task<LiveStream> WaitForStreamAsync(NodeProbe node, BenchPublisher publisher, TimeSpan timeout, CancellationToken ct)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (node.FindStream(StreamName) is { Renditions.Count: > 0 } stream)
            {
                return stream;
            }
            if (publisher.HasExited || publisher.Failure is not null)
            {
                throw new LatencyBenchException($"ffmpeg stopped before the stream went live: {publisher.Failure ?? publisher.Stderr.Trim()}");
            }
            await Task.Delay(20, ct).ConfigureAwait(false);
        }
        throw new LatencyBenchException($"the stream did not go live within {timeout.TotalSeconds:0} s; ffmpeg said: {publisher.Stderr.Trim()}");
    }

    internal static string Ms(long ns) => (ns / 1e6).ToString("F1", CultureInfo.InvariantCulture);

    internal static long Now => Clock.UnixNowNs();
}
