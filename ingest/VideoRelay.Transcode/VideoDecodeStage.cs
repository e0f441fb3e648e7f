using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Queues;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode;

/// <summary>
/// The decode thread of a <see cref="Transcoder"/>: source access units from an SPSC ring → H.264
/// decoder → one shared <see cref="DecodedPicture"/> per picture → every rendition's ring.
/// </summary>
/// <remarks>
/// Keyframe alignment: the keyframe decision is made here, once per decoded source picture, and every
/// rendition applies the same decision to the same picture. A picture is a keyframe when the source
/// picture is one, when <c>GopSeconds</c> worth of pictures passed since the last one, when
/// <see cref="RequestKeyframe"/> was called (a viewer's PLI, or an encoder that lost an output unit),
/// after a decode error resolved, or when some rendition had to drop the previous keyframe picture
/// (its queue was full) — so a dropped picture never leaves renditions keyframing on different frames.
/// Renditions are created on the first decoded picture (its size picks the ladder) and keep their
/// sizes for the life of the transcoder; a later source size change only re-opens their scalers.
/// </remarks>
internal sealed class VideoDecodeStage : IDisposable
{
    private const int PendingSlots = 32; // access units in flight inside the decoder (reorder depth ≤ 16)

    private readonly TranscoderOptions _options;
    private readonly TieredBufferPool _pool;
    private readonly ITranscodeOutput _output;
    private readonly SpscRing<MediaFrame> _input;
    private readonly SpscWaiter _waiter = new();
    private readonly Thread _thread;
    private readonly PendingSource[] _pending = new PendingSource[PendingSlots];
    private readonly byte[] _pendingSei = GC.AllocateArray<byte>(PendingSlots * DecodedPicture.SeiCapacity, pinned: true);
    private DecodedPicturePool? _pictures;
    private RenditionEncoder[] _renditions = [];
    private H264Decoder? _decoder;
    private CodecConfig? _decoderConfig;
    private volatile CodecConfig? _latestConfig;
    private long _token;
    private long _picturesSinceKeyframe;
    private bool _waitForKeyframe;
    private bool _missedKeyframe;
    private int _keyframeRequested;
    private volatile bool _stopping;

    internal long DecodeErrorCount;
    internal long FramesDecodedCount;
    internal long InputDroppedCount;
    internal long PicturesDroppedCount;
    internal long SeiSkippedCount;
    internal int ReorderDepthValue;

    public VideoDecodeStage(TranscoderOptions options, TieredBufferPool pool, ITranscodeOutput output)
    {
        _options = options;
        _pool = pool;
        _output = output;
        _input = new SpscRing<MediaFrame>(options.InputQueueCapacity);
        _thread = new Thread(Run) { IsBackground = true, Name = "transcode-decode" };
        _thread.Start();
    }

    public RenditionEncoder[] Renditions => Volatile.Read(ref _renditions);

    public void SetConfig(CodecConfig config) => _latestConfig = config;

    public void RequestKeyframe() => Volatile.Write(ref _keyframeRequested, 1);

    /// <summary>Producer: queues a source frame (adds a reference). False when the decoder fell behind (counted).</summary>
    public bool TrySubmit(in MediaFrame frame)
    {
        if (_stopping || frame.Lease is null || frame.Length <= 0)
        {
            return false;
        }
        frame.AddRef();
        if (!_input.TryEnqueue(frame))
        {
            frame.Release();
            Interlocked.Increment(ref InputDroppedCount);
            return false;
        }
        _waiter.Notify();
        return true;
    }

    private void Run()
    {
        VideoRelay.Core.Diagnostics.PipelineThreads.EnterThroughput();
        while (true)
        {
            if (_input.TryDequeue(out MediaFrame frame))
            {
                try
                {
                    Decode(frame);
                }
                finally
                {
                    frame.Release();
                }
                continue;
            }
            if (_stopping)
            {
                return;
            }
            _waiter.WaitForItems(_input, 50);
        }
    }

    private void Decode(in MediaFrame frame)
    {
        TimingRecord timing = frame.Timing;
        timing.StampNow(Hop.TranscodeStart);
        CodecConfig? config = frame.Config ?? _latestConfig;
        if (_decoder is null || (config is not null && !ReferenceEquals(config, _decoderConfig) && ParameterSetsDiffer(config, _decoderConfig)))
        {
            OpenDecoder(config);
        }
        _decoderConfig = config ?? _decoderConfig;
        if (frame.Pts != frame.Dts && ReorderDepthValue == 0)
        {
            Volatile.Write(ref ReorderDepthValue, 1);
        }

        long token = _token++;
        ref PendingSource pending = ref _pending[token & (PendingSlots - 1)];
        pending.Token = token;
        pending.Pts = frame.Pts;
        pending.Duration = frame.Duration;
        pending.StreamId = frame.StreamId;
        pending.Timing = timing;
        pending.SeiLength = SeiNals.Copy(frame.Payload, PendingSei(token), out int skipped);
        if (skipped != 0)
        {
            Interlocked.Add(ref SeiSkippedCount, skipped);
        }

        int rc = _decoder!.Send(frame.Payload, token);
        if (rc < 0)
        {
            Interlocked.Increment(ref DecodeErrorCount);
            _waitForKeyframe = true;
        }
        while ((rc = _decoder.Receive(out VrPicture picture)) != (int)VrError.Again)
        {
            if (rc < 0)
            {
                Interlocked.Increment(ref DecodeErrorCount);
                _waitForKeyframe = true;
                break;
            }
            Dispatch(picture);
        }
        int depth = _decoder.ReorderDepth;
        if (depth > ReorderDepthValue)
        {
            Volatile.Write(ref ReorderDepthValue, depth);
        }
    }

    private Span<byte> PendingSei(long token) =>
        _pendingSei.AsSpan((int)(token & (PendingSlots - 1)) * DecodedPicture.SeiCapacity, DecodedPicture.SeiCapacity);

    private void Dispatch(in VrPicture picture)
    {
        Interlocked.Increment(ref FramesDecodedCount);
        bool sourceKey = picture.KeyFrame != 0;
        if (picture.Corrupt != 0)
        {
            // Concealed errors: freeze the renditions rather than encode a broken picture.
            Interlocked.Increment(ref DecodeErrorCount);
            _waitForKeyframe = true;
            H264Decoder.ReleaseFrame(picture.Frame);
            return;
        }
        bool recovered = false;
        if (_waitForKeyframe)
        {
            if (!sourceKey)
            {
                Interlocked.Increment(ref PicturesDroppedCount);
                H264Decoder.ReleaseFrame(picture.Frame);
                return;
            }
            _waitForKeyframe = false;
            recovered = true;
        }
        if (_renditions.Length == 0 && _pictures is null)
        {
            CreateRenditions(picture.Planes.Width, picture.Planes.Height);
        }
        if (_renditions.Length == 0 || !_pictures!.TryRent(picture.Frame, out DecodedPicture shared))
        {
            if (_renditions.Length != 0)
            {
                Interlocked.Increment(ref PicturesDroppedCount);
                _missedKeyframe = true;
            }
            H264Decoder.ReleaseFrame(picture.Frame);
            return;
        }
        ref PendingSource pending = ref _pending[picture.Token & (PendingSlots - 1)];
        shared.Planes = picture.Planes;
        if (pending.Token == picture.Token)
        {
            shared.Pts = pending.Pts;
            shared.Duration = pending.Duration;
            shared.StreamId = pending.StreamId;
            shared.Timing = pending.Timing;
            PendingSei(picture.Token)[..pending.SeiLength].CopyTo(shared.Sei);
            shared.SeiLength = pending.SeiLength;
        }
        else
        {
            shared.SeiLength = 0; // metadata overwritten (should not happen with a sane reorder depth)
        }

        long gopFrames = Math.Max(1, (long)Math.Round(_options.GopSeconds * FrameRateMilli / 1000.0));
        bool key = sourceKey || recovered || _missedKeyframe || _picturesSinceKeyframe >= gopFrames
            || Interlocked.Exchange(ref _keyframeRequested, 0) != 0;
        shared.ForceKeyframe = key;
        _picturesSinceKeyframe = key ? 1 : _picturesSinceKeyframe + 1;
        _missedKeyframe = false;
        foreach (RenditionEncoder rendition in _renditions)
        {
            if (!rendition.TryOffer(shared) && key)
            {
                _missedKeyframe = true;
            }
        }
        shared.Release();
    }

    private int FrameRateMilli => _decoderConfig is { FrameRateMilli: > 0 } c ? c.FrameRateMilli : _options.DefaultFrameRate * 1000;

    private void CreateRenditions(int width, int height)
    {
        var plan = RenditionLadder.Plan(_options.Renditions, width, height);
        int fpsMilli = FrameRateMilli;
        int gcd = (int)System.Numerics.BigInteger.GreatestCommonDivisor(fpsMilli, 1000);
        long gopFrames = Math.Max(1, (long)Math.Round(_options.GopSeconds * fpsMilli / 1000.0));
        var renditions = new RenditionEncoder[plan.Count];
        for (int i = 0; i < plan.Count; i++)
        {
            var (spec, w, h) = plan[i];
            H264EncoderSettings settings = new()
            {
                Width = w,
                Height = h,
                FrameRateNumerator = fpsMilli / gcd,
                FrameRateDenominator = 1000 / gcd,
                Bitrate = spec.Bitrate,
                VbvBufferMs = _options.VbvBufferMs,
                MaxGopFrames = (int)Math.Min(gopFrames * 4, 10_000), // our forced keyframes come first
                Threads = _options.EncoderThreads,
                Profile = _options.Profile,
                Preset = _options.Preset,
            };
            renditions[i] = new RenditionEncoder(new RenditionStats(i + 1, spec, w, h), settings, _options.EncoderQueueCapacity,
                _pool, _output, RequestKeyframe, _options.FastBilinear);
        }
        _pictures = new DecodedPicturePool(plan.Count * (_options.EncoderQueueCapacity + 1) + 2);
        Volatile.Write(ref _renditions, renditions);
    }

    private void OpenDecoder(CodecConfig? config)
    {
        _decoder?.Dispose();
        _decoder = config is { Codec: CodecId.H264 }
            ? new H264Decoder(config.Sps, config.Pps, _options.DecoderThreads)
            : new H264Decoder(default, default, _options.DecoderThreads);
        _waitForKeyframe = true; // a new decoder starts at a keyframe
    }

    private static bool ParameterSetsDiffer(CodecConfig a, CodecConfig? b) =>
        b is null || !a.Sps.AsSpan().SequenceEqual(b.Sps) || !a.Pps.AsSpan().SequenceEqual(b.Pps);

    /// <summary>Stops after draining the input, then stops the renditions (each drains its queue).</summary>
    public void Dispose()
    {
        _stopping = true;
        _waiter.Notify();
        _thread.Join();
        while (_input.TryDequeue(out MediaFrame frame))
        {
            frame.Release();
        }
        foreach (RenditionEncoder rendition in _renditions)
        {
            rendition.Dispose();
        }
        _decoder?.Dispose();
        _waiter.Dispose();
    }

    private struct PendingSource
    {
        public long Token;
        public long Pts;
        public int Duration;
        public int StreamId;
        public int SeiLength;
        public TimingRecord Timing;
    }
}
