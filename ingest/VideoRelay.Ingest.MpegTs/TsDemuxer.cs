using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Ingest.MpegTs.Aac;
using VideoRelay.Ingest.MpegTs.H264;
using VideoRelay.Ingest.MpegTs.Pes;
using VideoRelay.Ingest.MpegTs.Psi;
using VideoRelay.Ingest.MpegTs.Ts;

namespace VideoRelay.Ingest.MpegTs;

/// <summary>
/// MPEG-2 transport stream demuxer (ISO/IEC 13818-1) for ingest: bytes in (any split), H.264 access units
/// (AVCC, in pooled leases) and raw AAC frames out to an <see cref="IPublishSession"/>.
/// </summary>
/// <remarks>
/// PAT → first program's PMT → the first H.264 (0x1B) and the first AAC ADTS (0x0F) stream; other streams
/// are ignored and counted. Continuity counters are checked per PID: a duplicate packet is ignored; a gap is
/// counted, the PES in progress is dropped, video is dropped until the next IDR (marked
/// <see cref="FrameFlags.Discontinuity"/>), and the next audio frame is marked likewise. PTS/DTS are
/// extended from 33 to 64 bits on one timeline per program. Not thread-safe: one thread feeds it (the
/// connection's receive thread), which is also the thread that calls the session.
/// Timing: <see cref="Hop.IngestRx"/> = the receive stamp of the chunk that completed the frame;
/// <see cref="Hop.Capture"/> = the chunk's source time when the transport knows one (SRT's srctime), else
/// the IngestRx stamp; <see cref="Hop.Demuxed"/> = after the frame is written, just before delivery.
/// </remarks>
public sealed class TsDemuxer : IDisposable
{
    private readonly IPublishSession _session;
    private readonly TieredBufferPool _pool;
    private readonly TsDemuxerOptions _options;
    private readonly TsPacketFramer _framer = new();
    private readonly SectionAssembler _pat = new();
    private readonly SectionAssembler _pmt = new();
    private readonly TimestampExtender _timestamps = new();
    private readonly sbyte[] _continuity = new sbyte[8192];
    private int _pmtPid = -1;
    private int _pcrPid = -1;
    private H264PesStream? _video;
    private AdtsPesStream? _audio;
    private long _chunkReceivedNs;
    private long _chunkSourceNs;
    private bool _disposed;

    public TsDemuxer(IPublishSession session, TieredBufferPool pool, TsDemuxerOptions? options = null)
    {
        _session = session;
        _pool = pool;
        _options = options ?? new TsDemuxerOptions();
        _continuity.AsSpan().Fill(-1);
    }

    public TsDemuxerCounters Counters { get; } = new();

    /// <summary>True once a B slice or a PTS ahead of its DTS (reordering) has been seen in the video.</summary>
    public bool HasBFrames { get; internal set; }

    /// <summary>The video configuration in force, or null before the first SPS/PPS.</summary>
    public CodecConfig? VideoConfig => _video?.Config;

    /// <summary>The audio configuration in force, or null before the first ADTS frame.</summary>
    public CodecConfig? AudioConfig => _audio?.Config;

    /// <summary>PID of the H.264 stream, or -1.</summary>
    public int VideoPid => _video?.Pid ?? -1;

    /// <summary>PID of the AAC stream, or -1.</summary>
    public int AudioPid => _audio?.Pid ?? -1;

    /// <summary>Last program clock reference seen (27 MHz), or -1.</summary>
    public long LastPcr { get; private set; } = -1;

    /// <summary>
    /// Feeds received bytes. <paramref name="receivedUnixNs"/> is when they were read from the transport;
    /// <paramref name="sourceUnixNs"/> is the sender's time for them if the transport carries one (else 0).
    /// Never throws on bad input: everything wrong is dropped and counted.
    /// </summary>
    public void Feed(ReadOnlySpan<byte> data, long receivedUnixNs, long sourceUnixNs = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _chunkReceivedNs = receivedUnixNs;
        _chunkSourceNs = sourceUnixNs;
        Counters.Bytes += data.Length;
        while (_framer.TryNext(ref data, out ReadOnlySpan<byte> packet))
        {
            OnPacket(packet);
        }
        Counters.SyncLosses = _framer.SyncLosses;
        Counters.BytesSkipped = _framer.BytesSkipped;
    }

    /// <summary>End of stream: completes a video frame still waiting for the next PES start.</summary>
    public void Flush()
    {
        if (_disposed)
        {
            return;
        }
        _framer.Reset();
        _video?.Flush();
        _audio?.Flush();
    }

    /// <summary>Drops whatever is in progress and returns its buffers. Does not dispose the session.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _video?.Dispose();
        _audio?.Dispose();
    }

    internal long ExtendTimestamp(long ts33) => _timestamps.Extend(ts33);

    internal void PublishConfig(CodecConfig config) => _session.OnConfig(config);

    /// <summary>Stamps and hands a frame (and one lease reference) to the session.</summary>
    internal void Deliver(ref MediaFrame frame)
    {
        frame.StreamId = _session.StreamId;
        frame.Timing.Stamp(Hop.IngestRx, _chunkReceivedNs);
        frame.Timing.CaptureUnixNs = _chunkSourceNs != 0 ? _chunkSourceNs : _chunkReceivedNs;
        frame.Timing.StampNow(Hop.Demuxed);
        _session.OnFrame(frame);
    }

    private void OnPacket(ReadOnlySpan<byte> packet)
    {
        Counters.Packets++;
        TsPacketHeader.TryRead(packet, out TsPacketHeader header, out int offset);
        if (header.TransportError)
        {
            Counters.TransportErrors++;
            return;
        }
        int pid = header.Pid;
        bool known = pid == 0 || pid == _pmtPid || pid == _video?.Pid || pid == _audio?.Pid;
        if (!known && pid != _pcrPid)
        {
            Counters.IgnoredPackets++;
            return;
        }
        AdaptationField adaptation = default;
        if (header.HasAdaptationField)
        {
            if (!AdaptationField.TryRead(packet[offset..], out adaptation, out int used))
            {
                Counters.MalformedPackets++;
                return;
            }
            offset += used;
            if (adaptation.Pcr >= 0 && pid == _pcrPid)
            {
                LastPcr = adaptation.Pcr;
            }
        }
        if (!known)
        {
            Counters.IgnoredPackets++;
            return;
        }
        if (header.HasPayload && !CheckContinuity(pid, header.ContinuityCounter, adaptation.Discontinuity))
        {
            return;
        }
        if (header.Scrambling != 0)
        {
            Counters.ScrambledPackets++;
            return;
        }
        ReadOnlySpan<byte> payload = header.HasPayload ? packet[offset..] : default;
        if (pid == 0)
        {
            _pat.Push(payload, header.PayloadUnitStart, this, static (d, s) => d.OnPat(s));
        }
        else if (pid == _pmtPid)
        {
            _pmt.Push(payload, header.PayloadUnitStart, this, static (d, s) => d.OnPmt(s));
        }
        else if (pid == _video?.Pid)
        {
            _video.OnPacket(payload, header.PayloadUnitStart, adaptation.HasStuffing);
        }
        else if (pid == _audio?.Pid)
        {
            _audio.OnPacket(payload, header.PayloadUnitStart, adaptation.HasStuffing);
        }
    }

    /// <summary>False when the packet is a duplicate to ignore; a gap is counted and handled here.</summary>
    private bool CheckContinuity(int pid, int counter, bool discontinuityIndicated)
    {
        int last = _continuity[pid];
        _continuity[pid] = (sbyte)counter;
        if (last < 0 || discontinuityIndicated)
        {
            return true;
        }
        if (counter == last)
        {
            Counters.DuplicatePackets++;
            return false;
        }
        if (counter != ((last + 1) & 0x0F))
        {
            Counters.ContinuityErrors++;
            if (pid == _video?.Pid)
            {
                _video.OnGap();
            }
            else if (pid == _audio?.Pid)
            {
                _audio.OnGap();
            }
            else if (pid == 0)
            {
                _pat.Reset();
            }
            else
            {
                _pmt.Reset();
            }
        }
        return true;
    }

    private void OnPat(ReadOnlySpan<byte> section)
    {
        if (!ProgramAssociationTable.TryRead(section, out ProgramAssociationTable pat, out _))
        {
            Counters.PsiErrors++;
            return;
        }
        if (pat.PmtPid != _pmtPid)
        {
            _pmtPid = pat.PmtPid;
            _pmt.Reset();
            _continuity[_pmtPid] = -1;
        }
    }

    private void OnPmt(ReadOnlySpan<byte> section)
    {
        if (!ProgramMapTable.TryRead(section, out ProgramMapTable pmt, out _))
        {
            Counters.PsiErrors++;
            return;
        }
        _pcrPid = pmt.PcrPid;
        Counters.IgnoredStreams = pmt.IgnoredStreams;
        if (pmt.VideoPid != (_video?.Pid ?? -1))
        {
            _video?.Dispose();
            _video = pmt.VideoPid >= 0 ? new H264PesStream(this, pmt.VideoPid, _pool, _options) : null;
            if (pmt.VideoPid >= 0)
            {
                _continuity[pmt.VideoPid] = -1;
            }
        }
        if (pmt.AudioPid != (_audio?.Pid ?? -1))
        {
            _audio?.Dispose();
            _audio = pmt.AudioPid >= 0 ? new AdtsPesStream(this, pmt.AudioPid, _pool, _options) : null;
            if (pmt.AudioPid >= 0)
            {
                _continuity[pmt.AudioPid] = -1;
            }
        }
    }
}
