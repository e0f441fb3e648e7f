using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Transcode.Codecs;
using VideoRelay.Transcode.Native;

namespace VideoRelay.Transcode;

/// <summary>
/// AAC → Opus on the submitting thread (≈ 0.1 ms per AAC frame: a queue and a thread would cost more
/// than they save). Opus timestamps are continuous: packet n of a run starts at the run's base pts +
/// n × 1800 (20 ms at 90 kHz); a run re-bases when the AAC timestamps jump by more than 100 ms.
/// </summary>
internal sealed class AudioTranscodeStage : IDisposable
{
    private const int TicksPerPacket = 90_000 * OpusEncoder.FrameSamples / OpusEncoder.SampleRate; // 1800
    private const int MaxPacketSize = 1500;
    private const long RebaseThreshold = 9_000; // 100 ms at 90 kHz

    private readonly TranscoderOptions _options;
    private readonly TieredBufferPool _pool;
    private readonly ITranscodeOutput _output;
    private readonly CodecConfig _opusConfig = new() { Codec = CodecId.Opus, SampleRate = 48_000, Channels = 2 };
    private AacToOpusTranscoder? _transcoder;
    private CodecConfig? _aacConfig;
    private bool _announced;
    private bool _haveBase;
    private long _basePts;
    private long _baseIndex;
    private long _expectedAacPts;
    private long _sequence;

    internal long FramesIn;
    internal long PacketsOut;
    internal long DecodeErrors;
    internal long Dropped;

    public AudioTranscodeStage(TranscoderOptions options, TieredBufferPool pool, ITranscodeOutput output)
    {
        _options = options;
        _pool = pool;
        _output = output;
    }

    public CodecConfig OpusConfig => _opusConfig;

    public void SetConfig(CodecConfig config)
    {
        if (_aacConfig is not null && config.AudioSpecificConfig.AsSpan().SequenceEqual(_aacConfig.AudioSpecificConfig))
        {
            return;
        }
        _transcoder?.Dispose();
        _transcoder = new AacToOpusTranscoder(config.AudioSpecificConfig, _options.AudioBitrate);
        _aacConfig = config;
        _haveBase = false;
    }

    public bool TrySubmit(in MediaFrame frame)
    {
        if (frame.Config is { Codec: CodecId.Aac } config && !ReferenceEquals(config, _aacConfig))
        {
            SetConfig(config);
        }
        if (_transcoder is null || frame.Length <= 0)
        {
            return false;
        }
        Interlocked.Increment(ref FramesIn);
        TimingRecord timing = frame.Timing;
        timing.StampNow(Hop.TranscodeStart);
        if (!_haveBase || Math.Abs(frame.Pts - _expectedAacPts) > RebaseThreshold)
        {
            // Start a run: the samples still in the FIFO belong before this frame.
            long buffered = Math.Max(0, _transcoder.Buffered);
            _basePts = frame.Pts - buffered * 90_000 / OpusEncoder.SampleRate;
            _baseIndex = -1; // set from the next packet index
            _haveBase = true;
        }
        int sampleRate = _aacConfig is { SampleRate: > 0 } c ? c.SampleRate : 48_000;
        _expectedAacPts = frame.Pts + (frame.Duration > 0 ? frame.Duration : 1024L * 90_000 / sampleRate);
        int rc = _transcoder.Send(frame.Payload);
        if (rc < 0)
        {
            Interlocked.Increment(ref DecodeErrors);
        }
        while (TryDeliver(frame, ref timing))
        {
        }
        return rc >= 0;
    }

    private bool TryDeliver(in MediaFrame source, ref TimingRecord timing)
    {
        if (_transcoder!.Buffered < OpusEncoder.FrameSamples)
        {
            return false;
        }
        if (!_pool.TryRent(MaxPacketSize, out BufferLease lease))
        {
            // Keep the samples; the next submit retries (the FIFO is bounded in native code).
            Interlocked.Increment(ref Dropped);
            return false;
        }
        int rc = _transcoder.Receive(lease.Span[..MaxPacketSize], out int written, out long index);
        if (rc != 0)
        {
            lease.Release();
            if (rc != (int)VrError.Again)
            {
                Interlocked.Increment(ref DecodeErrors);
            }
            return false;
        }
        if (_baseIndex < 0)
        {
            _baseIndex = index;
        }
        if (!_announced)
        {
            _output.OnAudioConfig(_opusConfig);
            _announced = true;
        }
        lease.SetLength(written);
        long pts = _basePts + (index - _baseIndex) * TicksPerPacket;
        MediaFrame frame = new()
        {
            Codec = CodecId.Opus,
            StreamId = source.StreamId,
            RenditionId = 0,
            Pts = pts,
            Dts = pts,
            Duration = TicksPerPacket,
            Sequence = _sequence++,
            Lease = lease,
            Length = written,
            Config = _opusConfig,
            Timing = timing,
        };
        frame.Timing.StampNow(Hop.TranscodeEnd);
        Interlocked.Increment(ref PacketsOut);
        _output.OnAudioFrame(frame);
        return true;
    }

    public void Dispose() => _transcoder?.Dispose();
}
