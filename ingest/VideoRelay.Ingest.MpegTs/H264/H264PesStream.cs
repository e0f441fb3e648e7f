using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Ingest.MpegTs.Pes;

namespace VideoRelay.Ingest.MpegTs.H264;

/// <summary>
/// An H.264 elementary stream (stream_type 0x1B): one PES = one access unit, converted to AVCC in a pooled
/// lease while it arrives. SPS/PPS are picked up and a new <see cref="CodecConfig"/> is published when they
/// change; they also stay in the access unit. After a continuity gap (or a dropped frame) video frames are
/// dropped until the next IDR, which is marked <see cref="FrameFlags.Discontinuity"/>; nothing before the
/// first IDR with SPS/PPS known is delivered.
/// </summary>
internal sealed class H264PesStream : PesStream
{
    private readonly AvccAccessUnitWriter _writer;
    private readonly bool _completesOnStuffing;
    private byte[]? _sps;
    private byte[]? _pps;
    private bool _configDirty;
    private bool _waitForKeyframe = true;
    private bool _discontinuity;
    private long _pts;
    private long _dts;
    private long _lastDts = long.MinValue;
    private long _sequence;

    public H264PesStream(TsDemuxer demuxer, int pid, TieredBufferPool pool, TsDemuxerOptions options)
        : base(demuxer, pid)
    {
        _writer = new AvccAccessUnitWriter(pool, options.MaxPesSize);
        _completesOnStuffing = options.CompleteVideoOnStuffing;
    }

    public CodecConfig? Config { get; private set; }

    protected override bool CompletesOnStuffing => _completesOnStuffing;

    protected override void OnBegin(in PesHeader header)
    {
        _writer.Begin(header.PayloadLength);
        if (header.Pts < 0)
        {
            Demuxer.Counters.MissingTimestamps++;
            int step = Config is { FrameRateMilli: > 0 } c ? 90_000_000 / c.FrameRateMilli : 3000;
            _dts = _lastDts == long.MinValue ? 0 : _lastDts + step;
            _pts = _dts;
            return;
        }
        _pts = Demuxer.ExtendTimestamp(header.Pts);
        _dts = header.Dts < 0 ? _pts : Demuxer.ExtendTimestamp(header.Dts);
    }

    protected override void OnData(ReadOnlySpan<byte> data) => _writer.Append(data);

    protected override void OnAbort() => _writer.Abort();

    protected override void OnDiscontinuity()
    {
        _waitForKeyframe = true;
        _discontinuity = true;
    }

    protected override void OnComplete()
    {
        _lastDts = _dts;
        if (!_writer.TryFinish(out BufferLease lease, out int length))
        {
            switch (_writer.Failure)
            {
                case PesFailure.TooLarge:
                    Demuxer.Counters.PesOversize++;
                    _waitForKeyframe = true;
                    break;
                case PesFailure.PoolExhausted:
                    Demuxer.Counters.PoolMisses++;
                    _waitForKeyframe = true;
                    break;
                default:
                    Demuxer.Counters.EmptyVideoPes++;
                    break;
            }
            _writer.Abort();
            return;
        }
        // Read after TryFinish: it closes the last NAL (usually the slice).
        bool idr = _writer.HasIdr, bSlice = _writer.HasBSlice;
        (int spsOffset, int spsLength) = _writer.Sps;
        (int ppsOffset, int ppsLength) = _writer.Pps;
        ReadOnlySpan<byte> au = lease.Span[..length];
        if (spsLength > 0)
        {
            UpdateParameterSet(ref _sps, au.Slice(spsOffset, spsLength));
        }
        if (ppsLength > 0)
        {
            UpdateParameterSet(ref _pps, au.Slice(ppsOffset, ppsLength));
        }
        bool configChanged = _configDirty && _sps is not null && _pps is not null && PublishConfig();
        if (_waitForKeyframe && !(idr && Config is not null))
        {
            Demuxer.Counters.VideoFramesDroppedUntilKeyframe++;
            lease.Release();
            return;
        }
        _waitForKeyframe = false;
        if (bSlice || _pts > _dts)
        {
            Demuxer.HasBFrames = true;
        }
        FrameFlags flags = FrameFlags.None;
        if (idr)
        {
            flags |= FrameFlags.Keyframe;
            Demuxer.Counters.Keyframes++;
        }
        if (_discontinuity)
        {
            flags |= FrameFlags.Discontinuity;
            _discontinuity = false;
        }
        if (configChanged)
        {
            flags |= FrameFlags.ConfigChanged;
        }
        var frame = new MediaFrame
        {
            Codec = CodecId.H264,
            Flags = flags,
            Pts = _pts,
            Dts = _dts,
            Duration = Config!.FrameRateMilli > 0 ? 90_000_000 / Config.FrameRateMilli : 0,
            Sequence = _sequence++,
            Lease = lease,
            Offset = 0,
            Length = length,
            Config = Config,
        };
        Demuxer.Counters.VideoFrames++;
        Demuxer.Deliver(ref frame);
    }

    protected override void DisposeCore() => _writer.Dispose();

    private void UpdateParameterSet(ref byte[]? current, ReadOnlySpan<byte> candidate)
    {
        if (current is not null && candidate.SequenceEqual(current))
        {
            return;
        }
        current = candidate.ToArray(); // once per change, not per frame
        _configDirty = true;
    }

    private bool PublishConfig()
    {
        _configDirty = false;
        if (!H264SpsReader.TryRead(_sps, out H264SpsInfo info, out _))
        {
            Demuxer.Counters.SpsErrors++;
        }
        Config = new CodecConfig
        {
            Codec = CodecId.H264,
            Sps = _sps!,
            Pps = _pps!,
            Width = info.Width,
            Height = info.Height,
            FrameRateMilli = info.FrameRateMilli,
        };
        Demuxer.PublishConfig(Config);
        return true;
    }
}
