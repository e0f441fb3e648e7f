using System.Diagnostics;
using System.Globalization;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Timing;
using VideoRelay.Transcode;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Bench.Transcode;

/// <summary>
/// <c>bench transcode</c>: a synthetic 720p30 or 1080p30 H.264 source through <see cref="Transcoder"/> with the default
/// ladder, twice:
/// <list type="number">
/// <item>unpaced, closed loop (at most 8 source frames in flight, queues deep enough that nothing drops): wall-clock
///   real-time factor of the whole ladder, and CPU seconds per media second (less sensitive to other load);</item>
/// <item>paced at 30 fps with the default options (a late encoder drops, counted): per rendition scale+encode time,
///   Hop.TranscodeStart → Hop.TranscodeEnd, submit → TranscodeEnd, and submit → the last rendition's end,
///   p50/p90/p99/max over the frames after the warm-up.</item>
/// </list>
/// Options: <c>--source 720|1080</c>, <c>--seconds N</c> (measured, default 10), <c>--warmup S</c> (≥ 1, default 2),
/// <c>--content pattern|testsrc2</c>, <c>--mode both|unpaced|paced</c>, <c>--preset NAME</c> (default: the transcoder's).
/// </summary>
public static class TranscodeBench
{
    private const int Window = 8;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        int source = BenchArgs.Int(args, "--source", 720);
        double seconds = BenchArgs.Double(args, "--seconds", 10);
        double warmup = Math.Max(1, BenchArgs.Double(args, "--warmup", 2));
        string content = BenchArgs.String(args, "--content", "testsrc2");
        string mode = BenchArgs.String(args, "--mode", "both");
        string preset = BenchArgs.String(args, "--preset", new TranscoderOptions().Preset);
        (int width, int height) = source switch
        {
            720 => (1280, 720),
            1080 => (1920, 1080),
            _ => (0, 0),
        };
        if (width == 0 || seconds <= 0 || mode is not ("both" or "unpaced" or "paced"))
        {
            Console.Error.WriteLine("usage: bench transcode [--source 720|1080] [--seconds 10] [--warmup 2] [--content pattern|testsrc2] [--mode both|unpaced|paced] [--preset superfast]");
            return 2;
        }
        int fps = SourceClipFactory.FrameRate;
        int warmFrames = (int)Math.Round(warmup * fps);
        int total = warmFrames + (int)Math.Round(seconds * fps);

        NativeLibraryResolver.SetLogLevel(16);
        Console.WriteLine($"# bench transcode --source {source} --seconds {seconds.ToString(Inv)} --warmup {warmup.ToString(Inv)} --content {content} --mode {mode} --preset {preset}");
        Console.WriteLine($"# {MachineInfo.Describe()}");
        long genStart = Stopwatch.GetTimestamp();
        SourceClip clip = SourceClipFactory.Create(content, width, height, total);
        Console.WriteLine($"# source: {width}x{height}@{fps}, {clip.Units.Count} frames ({clip.Keyframes.Count(k => k)} keyframes), " +
            $"{clip.MegabitsPerSecond(fps).ToString("F2", Inv)} Mbit/s actual; {clip.Description}; made in {Stopwatch.GetElapsedTime(genStart).TotalSeconds.ToString("F1", Inv)} s");
        if (clip.Units.Count < total)
        {
            Console.Error.WriteLine($"the source encoder produced {clip.Units.Count} of {total} frames");
            return 1;
        }
        var plan = RenditionLadder.Plan(TranscoderOptions.DefaultLadder, width, height);
        Console.WriteLine($"# ladder ({preset}, zerolatency, 1 thread per rendition + 1 decode thread): " +
            string.Join(", ", plan.Select(p => $"{p.Spec.Name} {p.Width}x{p.Height} {p.Spec.Bitrate / 1000} kbit/s")));
        Console.WriteLine($"# warm-up {warmFrames} frames, measured {total - warmFrames} frames");

        int rc = 0;
        if (mode is "both" or "unpaced")
        {
            rc |= RunUnpaced(clip, plan.Count, total, warmFrames, preset);
        }
        if (mode is "both" or "paced")
        {
            rc |= RunPaced(clip, plan.Count, total, warmFrames, preset);
        }
        Console.WriteLine($"# load average after: {MachineInfo.LoadAverage()}");
        return rc;
    }

    private static int RunUnpaced(SourceClip clip, int renditions, int total, int warmFrames, string preset)
    {
        var options = new TranscoderOptions { Preset = preset, InputQueueCapacity = 4 * Window, EncoderQueueCapacity = 2 * Window };
        using TieredBufferPool pool = TieredBufferPool.CreateMediaDefault("bench-transcode");
        var output = new LadderOutput(renditions, total, warmFrames);
        using Process self = Process.GetCurrentProcess();
        long t0 = 0, t1 = 0, framesAtT0 = 0;
        TimeSpan cpu0 = default, cpu1 = default;
        (long, long) machine0 = default, machine1 = default;
        Transcoder transcoder = new(options, pool, output);
        using (transcoder)
        {
            for (int i = 0; i < total; i++)
            {
                long waitStart = Stopwatch.GetTimestamp();
                while (i - output.MinFramesOut() >= Window)
                {
                    if (Stopwatch.GetElapsedTime(waitStart).TotalSeconds > 5)
                    {
                        Console.WriteLine($"WARNING: no output for 5 s at source frame {i} (a rendition dropped or stalled)");
                        return 1;
                    }
                    Thread.Sleep(1);
                    MarkStart();
                }
                MarkStart();
                MediaFrame frame = Frame(pool, clip, i);
                while (!transcoder.TrySubmitVideo(frame))
                {
                    Thread.Sleep(1);
                }
                frame.Release();
            }
            long lastProgress = Stopwatch.GetTimestamp(), lastCount = -1;
            while (output.MinFramesOut() < total && Stopwatch.GetElapsedTime(lastProgress).TotalSeconds < 5)
            {
                long n = output.MinFramesOut();
                if (n != lastCount)
                {
                    lastCount = n;
                    lastProgress = Stopwatch.GetTimestamp();
                }
                Thread.Sleep(1);
            }
            t1 = Stopwatch.GetTimestamp();
            self.Refresh();
            cpu1 = self.TotalProcessorTime;
            machine1 = MachineInfo.MachineCpuTicks();
        }

        void MarkStart()
        {
            if (t0 == 0 && output.MinFramesOut() >= warmFrames)
            {
                t0 = Stopwatch.GetTimestamp();
                framesAtT0 = output.MinFramesOut();
                self.Refresh();
                cpu0 = self.TotalProcessorTime;
                machine0 = MachineInfo.MachineCpuTicks();
            }
        }

        long measured = output.MinFramesOut() - framesAtT0;
        double wall = (t1 - t0) / (double)Stopwatch.Frequency;
        double media = measured / (double)SourceClipFactory.FrameRate;
        double cpu = (cpu1 - cpu0).TotalSeconds;
        long dropped = transcoder.Renditions.Sum(r => r.Dropped) + transcoder.InputDropped + transcoder.PicturesDropped;
        Console.WriteLine();
        Console.WriteLine("## unpaced (as fast as the ladder goes; ≤ 8 source frames in flight, nothing may drop)");
        Console.WriteLine();
        Console.WriteLine("| frames measured | wall s | real-time factor | CPU s per media s | RTF if CPU-bound on all cores | machine busy (all processes) | drops |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Console.WriteLine(string.Create(Inv,
            $"| {measured} | {wall:F2} | **{media / wall:F2}×** | {cpu / media:F2} | {Environment.ProcessorCount * media / cpu:F2}× | " +
            $"{MachineInfo.BusyCores(machine0, machine1):F2} of {Environment.ProcessorCount} cores, ours {cpu / wall:F2} | {dropped} |"));
        Console.WriteLine();
        Console.WriteLine("| rendition | size | out | scale+encode p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        foreach (RenditionStats r in transcoder.Renditions)
        {
            LatencySummary e = r.EncodeTime.Summarize();
            Console.WriteLine(string.Create(Inv, $"| {r.Name} | {r.Width}x{r.Height} | {r.FramesOut} | {Ms(e.P50)} | {Ms(e.P99)} |"));
        }
        if (dropped != 0 || output.MinFramesOut() < total)
        {
            Console.WriteLine($"WARNING: {dropped} drops, {output.MinFramesOut()} of {total} frames out of the slowest rendition");
            return 1;
        }
        return 0;
    }

    private static int RunPaced(SourceClip clip, int renditions, int total, int warmFrames, string preset)
    {
        var options = new TranscoderOptions { Preset = preset };
        using TieredBufferPool pool = TieredBufferPool.CreateMediaDefault("bench-transcode");
        var output = new LadderOutput(renditions, total, warmFrames);
        using Process self = Process.GetCurrentProcess();
        Transcoder transcoder = new(options, pool, output);
        output.MeasurementStarted = r => transcoder.Renditions[r - 1].EncodeTime.Reset();
        long inputRefused = 0;
        TimeSpan cpu0 = default, cpu1;
        long t0 = 0, t1;
        (long, long) machine0 = default, machine1;
        using (transcoder)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < total; i++)
            {
                long due = start + i * Stopwatch.Frequency / SourceClipFactory.FrameRate;
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }
                if (i == warmFrames)
                {
                    t0 = Stopwatch.GetTimestamp();
                    self.Refresh();
                    cpu0 = self.TotalProcessorTime;
                    machine0 = MachineInfo.MachineCpuTicks();
                }
                MediaFrame frame = Frame(pool, clip, i);
                if (!transcoder.TrySubmitVideo(frame))
                {
                    inputRefused++;
                }
                frame.Release();
            }
            t1 = Stopwatch.GetTimestamp();
            self.Refresh();
            cpu1 = self.TotalProcessorTime;
            machine1 = MachineInfo.MachineCpuTicks();
        }
        double wall = (t1 - t0) / (double)Stopwatch.Frequency;
        Console.WriteLine();
        Console.WriteLine("## paced at 30 fps (default options: a late encoder drops, counted), frames after the warm-up");
        Console.WriteLine();
        Console.WriteLine(string.Create(Inv,
            $"CPU while paced: this process {(cpu1 - cpu0).TotalSeconds / wall:F2} cores, the machine (all processes) {MachineInfo.BusyCores(machine0, machine1):F2} of {Environment.ProcessorCount}; decoded {transcoder.FramesDecoded}, " +
            $"decode errors {transcoder.DecodeErrors}, input refused {inputRefused + transcoder.InputDropped}, pictures dropped {transcoder.PicturesDropped}"));
        Console.WriteLine();
        Console.WriteLine("| rendition | size | out/in (all) | dropped | scale+encode p50 / p90 / p99 / max ms | TranscodeStart→End p50 / p90 / p99 / max ms | submit→End p50 / p99 / max ms |");
        Console.WriteLine("|---|---|---:|---:|---|---|---|");
        foreach (RenditionStats r in transcoder.Renditions)
        {
            LatencySummary e = r.EncodeTime.Summarize();
            LatencySummary l = output.StartToEnd[r.Id].Summarize();
            LatencySummary s = output.SubmitToEnd[r.Id].Summarize();
            Console.WriteLine(string.Create(Inv,
                $"| {r.Name} | {r.Width}x{r.Height} | {r.FramesOut}/{r.FramesIn} | {r.Dropped} | {Four(e)} | **{Four(l)}** | {Ms(s.P50)} / {Ms(s.P99)} / {Ms(s.Max)} |"));
        }
        LatencySummary ladder = output.WholeLadder().Summarize();
        Console.WriteLine(string.Create(Inv,
            $"| whole ladder (submit → last rendition's end) | | {ladder.Count} frames | | | | **{Ms(ladder.P50)} / {Ms(ladder.P99)} / {Ms(ladder.Max)}** (p90 {Ms(ladder.P90)}) |"));
        return output.SequenceErrors == 0 ? 0 : 1;
    }

    private static MediaFrame Frame(TieredBufferPool pool, SourceClip clip, int i)
    {
        byte[] unit = clip.Units[i];
        if (!pool.TryRent(unit.Length, out BufferLease lease))
        {
            throw new InvalidOperationException($"no pooled buffer for a {unit.Length}-byte frame");
        }
        unit.CopyTo(lease.Span);
        lease.SetLength(unit.Length);
        long pts = i * (90_000L / SourceClipFactory.FrameRate);
        var frame = new MediaFrame
        {
            Codec = CodecId.H264,
            Flags = clip.Keyframes[i] ? FrameFlags.Keyframe : FrameFlags.None,
            StreamId = 1,
            Pts = pts,
            Dts = pts,
            Duration = 90_000 / SourceClipFactory.FrameRate,
            Sequence = i,
            Lease = lease,
            Length = unit.Length,
            Config = clip.Config,
        };
        frame.Timing.StampNow(Hop.Capture);
        return frame;
    }

    private static string Four(LatencySummary s) => $"{Ms(s.P50)} / {Ms(s.P90)} / {Ms(s.P99)} / {Ms(s.Max)}";

    private static string Ms(long ns) => (ns / 1e6).ToString("F2", Inv);
}
