using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.TestSource;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Ingest;

/// <summary>
/// The built-in test source: draws frames (moving pattern, frame counter, visual timecode of the capture time),
/// encodes them with the native x264 shim (zerolatency, no B-frames) carrying the capture time in an SEI message
/// too, and a 440 Hz tone encoded to Opus, and publishes both in-process as stream "demo" — so a new user sees
/// video, and latency is measurable glass to glass, with no encoder installed.
/// </summary>
public sealed class DemoSource : IDisposable
{
    private readonly DemoSourceOptions _options;
    private readonly IPublishAuthority _authority;
    private readonly TieredBufferPool _pool;
    private readonly string? _key;
    private readonly ILogger _log;
    private Thread? _thread;
    private volatile bool _stopping;

    public DemoSource(DemoSourceOptions options, IPublishAuthority authority, TieredBufferPool pool, string? key, ILogger<DemoSource>? log = null)
    {
        _options = options;
        _authority = authority;
        _pool = pool;
        _key = key;
        _log = log ?? (ILogger)NullLogger.Instance;
    }

    public long FramesPublished { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "demo-source" };
        _thread.Start();
    }

    private void Run()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.Enter();
        try
        {
            NativeLibraryResolver.Register();
            PublishResult result = _authority.TryStartPublish(new PublishRequest(_options.StreamName, _key, "internal", null), out IPublishSession? session);
            if (result != PublishResult.Accepted || session is null)
            {
                _log.LogWarning("Demo source could not publish '{Stream}': {Result}", _options.StreamName, result);
                return;
            }
            using (session)
            {
                Loop(session);
            }
        }
        catch (Exception e) when (e is DllNotFoundException or InvalidOperationException or EntryPointNotFoundException)
        {
            _log.LogError(e, "Demo source unavailable (the native shim is needed: run scripts/setup.sh)");
        }
    }

    private unsafe void Loop(IPublishSession session)
    {
        int w = _options.Width, h = _options.Height, fps = _options.FrameRate;
        using var encoder = new H264Encoder(new H264EncoderSettings
        {
            Width = w,
            Height = h,
            FrameRateNumerator = fps,
            Bitrate = _options.BitrateKbps * 1000,
            MaxGopFrames = _options.GopFrames * 4,
            Preset = _options.Preset,
        });
        using var opus = new OpusEncoder(2, 96_000);
        var pattern = new TestPatternGenerator(w, h);
        var tone = new ToneGenerator();
        short[] pcm = new short[OpusEncoder.FrameSamples * 2];
        byte[] sei = new byte[SeiTimestamp.MaxNalSize + 4];
        CodecConfig? videoConfig = null;
        var audioConfig = new CodecConfig { Codec = CodecId.Opus, SampleRate = 48_000, Channels = 2 };
        session.OnConfig(audioConfig);
        _log.LogInformation("Demo source publishing '{Stream}': {W}x{H}@{Fps} H.264 {Kbps} kbit/s + Opus tone", _options.StreamName, w, h, fps, _options.BitrateKbps);

        long frameTicks = Stopwatch.Frequency / fps;
        long audioTicks = Stopwatch.Frequency / 50; // 20 ms
        long start = Clock.Ticks, nextVideo = start, nextAudio = start;
        long frameIndex = 0, audioSamples = 0, videoSeq = 0, audioSeq = 0;
        while (!_stopping)
        {
            long now = Clock.Ticks;
            if (now >= nextAudio)
            {
                nextAudio += audioTicks;
                tone.NextChunk(pcm);
                if (_pool.TryRent(1500, out BufferLease lease))
                {
                    if (opus.Encode(pcm, lease.Span, out int written) == 0)
                    {
                        lease.SetLength(written);
                        var frame = new MediaFrame
                        {
                            Codec = CodecId.Opus,
                            Lease = lease,
                            Length = written,
                            Pts = audioSamples * 90_000 / 48_000,
                            Duration = 1800,
                            Sequence = audioSeq++,
                            Config = audioConfig,
                        };
                        frame.Dts = frame.Pts;
                        frame.Timing.CaptureUnixNs = Clock.UnixNowNs();
                        session.OnFrame(frame);
                    }
                    else
                    {
                        lease.Release();
                    }
                }
                audioSamples += OpusEncoder.FrameSamples;
            }
            if (now >= nextVideo)
            {
                nextVideo += frameTicks;
                long captureNs = Clock.UnixNowNs();
                long captureMs = captureNs / 1_000_000;
                if (encoder.GetInput(out VrPlanes planes) == 0)
                {
                    var y = new Span<byte>(planes.Y, planes.StrideY * h);
                    var u = new Span<byte>(planes.U, planes.StrideU * (h / 2));
                    var v = new Span<byte>(planes.V, planes.StrideV * (h / 2));
                    pattern.Render(y, planes.StrideY, u, planes.StrideU, v, planes.StrideV, frameIndex, captureMs);
                    long pts = frameIndex * 90_000 / fps;
                    if (encoder.SendInput(pts, frameIndex % _options.GopFrames == 0) == 0)
                    {
                        SeiTimestamp.TryWriteAvcc(sei, captureMs, (uint)frameIndex, out int seiLength);
                        PublishEncoded(session, encoder, sei.AsSpan(0, seiLength), captureNs, ref videoConfig, ref videoSeq, fps);
                    }
                }
                frameIndex++;
                FramesPublished = frameIndex;
            }
            long wait = Math.Min(nextAudio, nextVideo) - Clock.Ticks;
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromTicks(Math.Max(1, wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
            }
        }
    }

    private void PublishEncoded(IPublishSession session, H264Encoder encoder, ReadOnlySpan<byte> sei, long captureNs, ref CodecConfig? config, ref long seq, int fps)
    {
        while (true)
        {
            int rc = encoder.Receive(sei, default, out VrEncoded unit);
            if (rc == (int)VrError.Again)
            {
                return;
            }
            if (rc != (int)VrError.TooSmall || !_pool.TryRent(unit.Length, out BufferLease lease))
            {
                encoder.DropPending();
                return;
            }
            if (encoder.Receive(sei, lease.Span, out unit) != 0)
            {
                lease.Release();
                encoder.DropPending();
                return;
            }
            lease.SetLength(unit.Length);
            if (config is null || unit.ConfigChanged != 0)
            {
                if (encoder.TryGetParameterSets(out byte[] sps, out byte[] pps))
                {
                    config = new CodecConfig
                    {
                        Codec = CodecId.H264,
                        Sps = sps,
                        Pps = pps,
                        Width = _options.Width,
                        Height = _options.Height,
                        FrameRateMilli = fps * 1000,
                    };
                    session.OnConfig(config);
                }
            }
            var frame = new MediaFrame
            {
                Codec = CodecId.H264,
                Flags = unit.KeyFrame != 0 ? FrameFlags.Keyframe : FrameFlags.None,
                Lease = lease,
                Length = unit.Length,
                Pts = unit.Pts,
                Dts = unit.Pts,
                Duration = 90_000 / fps,
                Sequence = seq++,
                Config = config,
            };
            frame.Timing.CaptureUnixNs = captureNs;
            frame.Timing.StampNow(Hop.Demuxed);
            session.OnFrame(frame);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread?.Join(TimeSpan.FromSeconds(3));
    }
}
