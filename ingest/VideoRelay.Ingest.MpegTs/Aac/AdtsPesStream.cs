using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Ingest.MpegTs.Pes;

namespace VideoRelay.Ingest.MpegTs.Aac;

/// <summary>
/// An AAC ADTS elementary stream (stream_type 0x0F). The PES payload is gathered into one pooled lease;
/// each ADTS frame in it becomes a frame that references the same lease (one reference each) past its
/// header, so the raw AAC bytes are copied once. Frame n of a PES gets PTS = PES PTS + n × 1024 × 90000 / rate.
/// After a continuity gap the next frame carries <see cref="FrameFlags.Discontinuity"/>.
/// </summary>
internal sealed class AdtsPesStream : PesStream
{
    private const int SamplesPerFrame = 1024;

    private readonly LeaseWriter _out;
    private readonly int _initialCapacity;
    private long _pts;
    private long _nextPts = long.MinValue;
    private bool _discontinuity;
    private long _sequence;

    public AdtsPesStream(TsDemuxer demuxer, int pid, TieredBufferPool pool, TsDemuxerOptions options)
        : base(demuxer, pid)
    {
        _out = new LeaseWriter(pool, options.MaxPesSize);
        _initialCapacity = options.AudioInitialCapacity;
    }

    public CodecConfig? Config { get; private set; }

    protected override void OnBegin(in PesHeader header)
    {
        _out.Begin(header.PayloadLength > 0 ? header.PayloadLength : _initialCapacity);
        if (header.Pts < 0)
        {
            Demuxer.Counters.MissingTimestamps++;
            _pts = _nextPts == long.MinValue ? 0 : _nextPts;
        }
        else
        {
            _pts = Demuxer.ExtendTimestamp(header.Pts);
        }
    }

    protected override void OnData(ReadOnlySpan<byte> data) => _out.Write(data);

    protected override void OnAbort() => _out.Abort();

    protected override void OnDiscontinuity() => _discontinuity = true;

    protected override void OnComplete()
    {
        if (!_out.TryDetach(out BufferLease lease, out int length))
        {
            if (_out.Failure == PesFailure.TooLarge)
            {
                Demuxer.Counters.PesOversize++;
            }
            else if (_out.Failure == PesFailure.PoolExhausted)
            {
                Demuxer.Counters.PoolMisses++;
            }
            _out.Abort();
            return;
        }
        ReadOnlySpan<byte> payload = lease.Span[..length];
        int offset = 0, index = 0;
        while (offset < length)
        {
            if (!AdtsHeader.TryRead(payload[offset..], out AdtsHeader adts, out int headerLength) || adts.FrameLength > length - offset)
            {
                Demuxer.Counters.AdtsErrors++;
                break;
            }
            bool configChanged = UpdateConfig(adts);
            int rate = adts.SampleRate;
            var frame = new MediaFrame
            {
                Codec = CodecId.Aac,
                Flags = configChanged ? FrameFlags.ConfigChanged : FrameFlags.None,
                Pts = _pts + ((long)index * SamplesPerFrame * 90_000 + rate / 2) / rate, // rounded, as FFmpeg does
                Duration = SamplesPerFrame * 90_000 / rate,
                Sequence = _sequence++,
                Lease = lease,
                Offset = offset + headerLength,
                Length = adts.FrameLength - headerLength,
                Config = Config,
            };
            frame.Dts = frame.Pts;
            if (_discontinuity)
            {
                frame.Flags |= FrameFlags.Discontinuity;
                _discontinuity = false;
            }
            _nextPts = frame.Pts + frame.Duration;
            lease.AddRef(); // the frame's reference; ours is dropped below
            Demuxer.Counters.AudioFrames++;
            Demuxer.Deliver(ref frame);
            offset += adts.FrameLength;
            index++;
        }
        lease.Release();
    }

    protected override void DisposeCore() => _out.Dispose();

    private bool UpdateConfig(in AdtsHeader adts)
    {
        if (Config is not null && Config.SampleRate == adts.SampleRate && Config.Channels == adts.ChannelConfiguration
            && Config.AudioSpecificConfig[0] >> 3 == adts.ObjectType)
        {
            return false;
        }
        var asc = new byte[2];
        adts.TryWriteAudioSpecificConfig(asc, out _);
        Config = new CodecConfig
        {
            Codec = CodecId.Aac,
            AudioSpecificConfig = asc,
            SampleRate = adts.SampleRate,
            Channels = adts.ChannelConfiguration,
        };
        Demuxer.PublishConfig(Config);
        return true;
    }
}
