using System.Net;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;

namespace VideoRelay.Ingest;

/// <summary>
/// One stream in the registry: its renditions (0 = the source, passed through when WebRTC-safe; 1… = the
/// transcoded ladder), its Opus audio, the GOP caches, and who publishes it. Survives publisher reconnects
/// (inside the linger period) so viewers stay attached.
/// </summary>
public sealed class LiveStream : IStreamHandle, ITranscodeSink, IDisposable
{
    public const int MaxRenditions = 8;

    private readonly TrackDistributor?[] _video = new TrackDistributor?[MaxRenditions];
    private readonly CodecConfig?[] _videoConfigs = new CodecConfig?[MaxRenditions];
    private readonly RenditionLayout?[] _layouts = new RenditionLayout?[MaxRenditions];
    private readonly TrackDistributor _audio;
    private readonly Lock _publishLock = new();
    private readonly long _createdTicks = Clock.Ticks;
    private IReadOnlyList<RenditionInfo> _renditions = [];
    private CodecConfig? _audioConfig;
    private IStreamTranscoder? _transcoder;
    private PublishSession? _publisher;
    private long _publisherSinceTicks;
    private long _lastKeyframeRequestTicks;
    private int _sourceHasBFrames;
    private int _sourceFramesWithoutReorder;
    private long _lastDts = long.MinValue;

    internal LiveStream(int id, string name)
    {
        Id = id;
        Name = name;
        _video[0] = new TrackDistributor($"{name}/source", keepGop: true);
        _audio = new TrackDistributor($"{name}/audio", keepGop: false);
        Latency = new HopHistograms(name);
    }

    public int Id { get; }
    public string Name { get; }

    public bool IsLive => Volatile.Read(ref _publisher) is not null;

    /// <summary>When the publisher left (monotonic ticks), or 0 while live.</summary>
    internal long OfflineSinceTicks { get; private set; }

    public IReadOnlyList<RenditionInfo> Renditions => Volatile.Read(ref _renditions);

    public CodecConfig? AudioConfig => Volatile.Read(ref _audioConfig);

    /// <summary>The source's own video configuration (SPS/PPS, size).</summary>
    public CodecConfig? SourceVideoConfig => _videoConfigs[0];

    /// <summary>The source's own audio configuration (AAC AudioSpecificConfig).</summary>
    public CodecConfig? SourceAudioConfig { get; private set; }

    /// <summary>True once a source frame with pts ≠ dts was seen: the source is then never passed through.</summary>
    public bool SourceHasBFrames => Volatile.Read(ref _sourceHasBFrames) != 0;

    /// <summary>Source frames needed in display order before an SPS that does not promise "no reordering" is trusted.</summary>
    public const int ReorderProbeFrames = 30;

    /// <summary>
    /// Whether the source may go to WebRTC untranscoded: its SPS promises no reordering (Baseline, or a VUI with
    /// max_num_reorder_frames = 0), or <see cref="ReorderProbeFrames"/> frames arrived in display order — and no
    /// B-frame was ever seen.
    /// </summary>
    public bool SourcePassthrough =>
        !SourceHasBFrames && _videoConfigs[0] is { } config &&
        (VideoRelay.Transcode.Transcoder.IsWebRtcSafe(config) || Volatile.Read(ref _sourceFramesWithoutReorder) >= ReorderProbeFrames);

    public string? Protocol { get; private set; }
    public EndPoint? PublisherAddress { get; private set; }
    public IReadOnlyDictionary<string, object?> Metadata { get; private set; } = new Dictionary<string, object?>();

    /// <summary>Per-hop latency of this stream's frames as they reach the registry.</summary>
    public HopHistograms Latency { get; }

    public event Action? Changed;

    internal TrackDistributor? VideoTrack(int renditionId) =>
        (uint)renditionId < MaxRenditions ? Volatile.Read(ref _video[renditionId]) : null;

    internal TrackDistributor AudioTrack => _audio;

    public void Subscribe(int renditionId, FrameReader reader, bool withAudio)
    {
        TrackDistributor track = VideoTrack(renditionId)
            ?? throw new ArgumentOutOfRangeException(nameof(renditionId), renditionId, $"stream '{Name}' has no rendition {renditionId}");
        track.Subscribe(reader);
        if (withAudio)
        {
            _audio.Subscribe(reader);
        }
    }

    public void SubscribeAudio(FrameReader reader) => _audio.Subscribe(reader);

    public void RequestKeyframe(int renditionId)
    {
        // The source cannot be asked (RTMP/SRT have no such message); transcoded renditions can. At most 2/s.
        long now = Clock.Ticks;
        long last = Interlocked.Read(ref _lastKeyframeRequestTicks);
        if (Clock.TicksToNs(now - last) < 500_000_000 || Interlocked.CompareExchange(ref _lastKeyframeRequestTicks, now, last) != last)
        {
            return;
        }
        if (renditionId != 0)
        {
            Volatile.Read(ref _transcoder)?.RequestKeyframe();
        }
    }

    internal double UptimeSeconds => _publisherSinceTicks == 0 ? 0 : Clock.TicksToNs(Clock.Ticks - _publisherSinceTicks) / 1e9;

    internal double AgeSeconds => Clock.TicksToNs(Clock.Ticks - _createdTicks) / 1e9;

    internal int Viewers
    {
        get
        {
            int n = 0;
            foreach (TrackDistributor? t in _video)
            {
                n += t?.ReaderCount ?? 0;
            }
            return n;
        }
    }

    // ---- publisher side (called by PublishSession on the publisher's thread) ----

    internal PublishSession? Publisher => Volatile.Read(ref _publisher);

    internal void Attach(PublishSession session, IStreamTranscoder? transcoder)
    {
        lock (_publishLock)
        {
            PublishSession? previous = _publisher;
            previous?.Supersede();
            Volatile.Read(ref _transcoder)?.Dispose();
            Volatile.Write(ref _transcoder, transcoder);
            Protocol = session.Request.Protocol;
            PublisherAddress = session.Request.Remote;
            _publisherSinceTicks = Clock.Ticks;
            OfflineSinceTicks = 0;
            Volatile.Write(ref _publisher, session);
        }
        Changed?.Invoke();
    }

    internal void Detach(PublishSession session)
    {
        lock (_publishLock)
        {
            if (!ReferenceEquals(_publisher, session))
            {
                return;
            }
            Volatile.Write(ref _publisher, null);
            OfflineSinceTicks = Clock.Ticks;
            _publisherSinceTicks = 0;
        }
        Changed?.Invoke();
    }

    internal void OnSourceConfig(PublishSession session, CodecConfig config)
    {
        lock (_publishLock)
        {
            if (!ReferenceEquals(_publisher, session))
            {
                return;
            }
            if (config.Codec == CodecId.H264)
            {
                _videoConfigs[0] = config;
                _transcoder?.SetVideoConfig(config);
            }
            else if (config.Codec == CodecId.Aac)
            {
                SourceAudioConfig = config;
                _transcoder?.SetAudioConfig(config);
            }
            else if (config.Codec == CodecId.Opus)
            {
                Volatile.Write(ref _audioConfig, config);
            }
        }
        RebuildRenditions();
    }

    /// <summary>
    /// The offset a new publisher's timestamps get so the stream's timeline continues: 0 for the first publisher,
    /// else one frame interval after the last frame the previous publisher sent.
    /// </summary>
    internal long NextTimelineStart(long firstDts) =>
        Volatile.Read(ref _lastDts) == long.MinValue ? 0 : Volatile.Read(ref _lastDts) + 3000 - firstDts;

    internal void OnSourceMetadata(IReadOnlyDictionary<string, object?> metadata) => Metadata = metadata;

    internal void OnSourceFrame(PublishSession session, in MediaFrame frame)
    {
        lock (_publishLock)
        {
            if (!ReferenceEquals(_publisher, session))
            {
                return;
            }
            Latency.RecordFrame(frame.Timing);
            if (frame.Dts > _lastDts)
            {
                Volatile.Write(ref _lastDts, frame.Dts);
            }
            if (frame.Codec == CodecId.H264)
            {
                if (frame.Pts != frame.Dts)
                {
                    if (Interlocked.Exchange(ref _sourceHasBFrames, 1) == 0)
                    {
                        RebuildRenditions();
                    }
                }
                else if (Interlocked.Increment(ref _sourceFramesWithoutReorder) == ReorderProbeFrames)
                {
                    RebuildRenditions();
                }
                if (SourcePassthrough)
                {
                    _video[0]!.Publish(frame);
                }
                _transcoder?.TrySubmitVideo(frame);
            }
            else if (frame.Codec == CodecId.Aac)
            {
                _transcoder?.TrySubmitAudio(frame);
            }
            else if (frame.Codec == CodecId.Opus)
            {
                _audio.Publish(frame);
            }
        }
    }

    // ---- transcoder side (ITranscodeSink; each rendition on its own encoder thread, audio on its own) ----

    void ITranscodeSink.OnRenditionAdded(RenditionLayout rendition)
    {
        if (rendition.Id <= 0 || rendition.Id >= MaxRenditions)
        {
            throw new ArgumentOutOfRangeException(nameof(rendition), rendition.Id, "rendition ids run from 1 to 7");
        }
        _layouts[rendition.Id] = rendition;
        if (Volatile.Read(ref _video[rendition.Id]) is null)
        {
            Volatile.Write(ref _video[rendition.Id], new TrackDistributor($"{Name}/{rendition.Name}", keepGop: true));
        }
        RebuildRenditions();
    }

    void ITranscodeSink.OnVideoConfig(int renditionId, CodecConfig config)
    {
        _videoConfigs[renditionId] = config;
        RebuildRenditions();
    }

    void ITranscodeSink.OnVideoFrame(int renditionId, in MediaFrame frame)
    {
        VideoTrack(renditionId)?.Publish(frame);
        frame.Release();
    }

    void ITranscodeSink.OnAudioConfig(CodecConfig opusConfig)
    {
        Volatile.Write(ref _audioConfig, opusConfig);
        Changed?.Invoke();
    }

    void ITranscodeSink.OnAudioFrame(in MediaFrame frame)
    {
        _audio.Publish(frame);
        frame.Release();
    }

    private void RebuildRenditions()
    {
        var list = new List<RenditionInfo>();
        CodecConfig? source = _videoConfigs[0];
        if (source is not null && SourcePassthrough)
        {
            list.Add(new RenditionInfo(0, "source", source.Width, source.Height, 0, source));
        }
        for (int i = 1; i < MaxRenditions; i++)
        {
            if (_layouts[i] is { } layout)
            {
                list.Add(new RenditionInfo(i, layout.Name, layout.Width, layout.Height, layout.BitrateKbps, _videoConfigs[i]));
            }
        }
        Volatile.Write(ref _renditions, list);
        Changed?.Invoke();
    }

    internal StreamInfo Describe()
    {
        CodecConfig? video = _videoConfigs[0];
        TrackDistributor source = _video[0]!;
        var renditions = new List<RenditionStats>();
        foreach (RenditionInfo r in Renditions)
        {
            TrackDistributor? t = VideoTrack(r.Id);
            long dropped = 0;
            double p50 = 0, p99 = 0;
            if (r.Id != 0)
            {
                Volatile.Read(ref _transcoder)?.TryGetRenditionFigures(r.Id, out dropped, out p50, out p99);
            }
            renditions.Add(new RenditionStats(r.Name, r.Width, r.Height, Rate(t?.Frames ?? 0), Rate((t?.Bytes ?? 0) * 8) / 1000, dropped, p50, p99, t?.ReaderCount ?? 0));
        }
        return new StreamInfo(
            Name,
            IsLive,
            Protocol,
            PublisherAddress?.ToString(),
            UptimeSeconds,
            video is null ? null : "H264",
            video?.Width ?? 0,
            video?.Height ?? 0,
            Rate(source.Frames),
            Rate(source.Bytes * 8) / 1000,
            SourceAudioConfig is null ? (AudioConfig is null ? null : "Opus") : "AAC",
            Viewers,
            renditions);
    }

    private double Rate(long total)
    {
        double age = AgeSeconds;
        return age <= 0 ? 0 : total / age;
    }

    public void Dispose()
    {
        lock (_publishLock)
        {
            _transcoder?.Dispose();
            _transcoder = null;
            foreach (TrackDistributor? t in _video)
            {
                t?.Dispose();
            }
            _audio.Dispose();
        }
    }
}
