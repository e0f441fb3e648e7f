using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Timing;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode;

/// <summary>
/// One rung of the ladder on its own thread: takes shared <see cref="DecodedPicture"/>s from its SPSC
/// ring, scales them straight into the encoder's input planes (or hands them over as-is when the size
/// matches), encodes with x264 and writes the AVCC output — SEI of the source first — into a pooled
/// lease rented at exactly the needed size (asked of the encoder first), then delivers it.
/// </summary>
internal sealed class RenditionEncoder : IDisposable
{
    private readonly SpscRing<DecodedPicture> _ring;
    private readonly SpscWaiter _waiter = new();
    private readonly H264Encoder _encoder;
    private readonly TieredBufferPool _pool;
    private readonly ITranscodeOutput _output;
    private readonly Action _requestKeyframe;
    private readonly int _frameRateMilli;
    private readonly Thread _thread;
    private readonly bool _fastBilinear;
    private VideoScaler? _scaler;
    private CodecConfig? _config;
    private long _sequence;
    private bool _discontinuity;
    private volatile bool _stopping;

    public RenditionEncoder(RenditionStats stats, H264EncoderSettings settings, int queueCapacity, TieredBufferPool pool,
        ITranscodeOutput output, Action requestKeyframe, bool fastBilinear)
    {
        _fastBilinear = fastBilinear;
        Stats = stats;
        _ring = new SpscRing<DecodedPicture>(queueCapacity);
        _encoder = new H264Encoder(settings);
        _pool = pool;
        _output = output;
        _requestKeyframe = requestKeyframe;
        _frameRateMilli = settings.FrameRateNumerator * 1000 / settings.FrameRateDenominator;
        _thread = new Thread(Run) { IsBackground = true, Name = $"transcode-{stats.Name}" };
        _thread.Start();
    }

    public RenditionStats Stats { get; }

    /// <summary>Decode thread: offers a picture (adds a reference when accepted). False = dropped (counted).</summary>
    public bool TryOffer(DecodedPicture picture)
    {
        Interlocked.Increment(ref Stats.FramesInCount);
        picture.AddRef();
        if (!_ring.TryEnqueue(picture))
        {
            picture.Release();
            Interlocked.Increment(ref Stats.DroppedCount);
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
            if (_ring.TryDequeue(out DecodedPicture picture))
            {
                try
                {
                    Encode(picture);
                }
                finally
                {
                    picture.Release();
                }
                continue;
            }
            if (_stopping)
            {
                return;
            }
            _waiter.WaitForItems(_ring, 50);
        }
    }

    private unsafe void Encode(DecodedPicture picture)
    {
        long start = Clock.Ticks;
        int rc;
        VrPlanes source = picture.Planes;
        if (source.Width == Stats.Width && source.Height == Stats.Height)
        {
            rc = _encoder.Send(source, picture.Pts, picture.ForceKeyframe);
        }
        else
        {
            if (_scaler is null || _scaler.SourceWidth != source.Width || _scaler.SourceHeight != source.Height)
            {
                _scaler?.Dispose();
                _scaler = new VideoScaler(source.Width, source.Height, Stats.Width, Stats.Height, _fastBilinear);
            }
            rc = _encoder.GetInput(out VrPlanes input);
            if (rc == 0)
            {
                rc = _scaler.Scale(source, input);
            }
            if (rc == 0)
            {
                rc = _encoder.SendInput(picture.Pts, picture.ForceKeyframe);
            }
        }
        if (rc != 0)
        {
            Interlocked.Increment(ref Stats.EncodeErrorCount);
            return;
        }
        while (TryDeliver(picture))
        {
        }
        Stats.EncodeTime.Record(Clock.ElapsedNs(start));
    }

    /// <summary>Moves one encoded unit out; false when none is pending.</summary>
    private bool TryDeliver(DecodedPicture picture)
    {
        ReadOnlySpan<byte> sei = picture.SeiNals;
        int rc = _encoder.Receive(sei, default, out VrEncoded unit);
        if (rc == (int)VrError.Again)
        {
            return false;
        }
        if (rc != (int)VrError.TooSmall || !_pool.TryRent(unit.Length, out BufferLease lease))
        {
            // No buffer (pool exhausted) or an encoder failure: this rendition breaks until its next
            // keyframe, so ask for one on the next source picture — for every rendition, to stay aligned.
            _encoder.DropPending();
            Interlocked.Increment(ref rc == (int)VrError.TooSmall ? ref Stats.DroppedCount : ref Stats.EncodeErrorCount);
            _discontinuity = true;
            _requestKeyframe();
            return false;
        }
        rc = _encoder.Receive(sei, lease.Span, out unit);
        if (rc != 0)
        {
            lease.Release();
            _encoder.DropPending();
            Interlocked.Increment(ref Stats.EncodeErrorCount);
            _discontinuity = true;
            _requestKeyframe();
            return false;
        }
        lease.SetLength(unit.Length);
        FrameFlags flags = unit.KeyFrame != 0 ? FrameFlags.Keyframe : FrameFlags.None;
        if (unit.ConfigChanged != 0 || _config is null)
        {
            PublishConfig();
            flags |= FrameFlags.ConfigChanged;
        }
        if (_discontinuity)
        {
            flags |= FrameFlags.Discontinuity;
            _discontinuity = false;
        }
        MediaFrame frame = new()
        {
            Codec = CodecId.H264,
            Flags = flags,
            StreamId = picture.StreamId,
            RenditionId = Stats.Id,
            Pts = unit.Pts,
            Dts = unit.Pts,
            Duration = picture.Duration,
            Sequence = _sequence++,
            Lease = lease,
            Offset = 0,
            Length = unit.Length,
            Config = _config,
            Timing = picture.Timing,
        };
        frame.Timing.StampNow(Hop.TranscodeEnd);
        Stats.Latency.Record(frame.Timing.Between(Hop.TranscodeStart, Hop.TranscodeEnd));
        Interlocked.Increment(ref Stats.FramesOutCount);
        Interlocked.Add(ref Stats.BytesOutCount, unit.Length);
        if (unit.KeyFrame != 0)
        {
            Interlocked.Increment(ref Stats.KeyframeCount);
        }
        _output.OnVideoFrame(Stats.Id, frame);
        return true;
    }

    private void PublishConfig()
    {
        if (!_encoder.TryGetParameterSets(out byte[] sps, out byte[] pps))
        {
            return;
        }
        _config = new CodecConfig
        {
            Codec = CodecId.H264,
            Sps = sps,
            Pps = pps,
            Width = Stats.Width,
            Height = Stats.Height,
            FrameRateMilli = _frameRateMilli,
        };
        _output.OnVideoConfig(Stats.Id, _config);
    }

    /// <summary>Stops the thread after it drains its queue, then frees the codecs.</summary>
    public void Dispose()
    {
        _stopping = true;
        _waiter.Notify();
        _thread.Join();
        while (_ring.TryDequeue(out DecodedPicture picture))
        {
            picture.Release();
        }
        _scaler?.Dispose();
        _encoder.Dispose();
        _waiter.Dispose();
    }
}
