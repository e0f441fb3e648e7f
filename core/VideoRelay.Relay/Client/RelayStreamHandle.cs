using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Core.Timing;
using VideoRelay.Relay.Protocol;

namespace VideoRelay.Relay.Client;

/// <summary>
/// A stream pulled from the origin, as the edge's WebRTC side sees it: local <see cref="TrackDistributor"/>s (one per
/// rendition, GOP-cached, and one for the audio) that the client's reader thread publishes into. The handle outlives
/// origin reconnects, so viewers stay attached; after a reconnect each video track passes nothing until a keyframe.
/// </summary>
internal sealed class RelayStreamHandle : IStreamHandle
{
    private static readonly long KeyframeRequestIntervalTicks = Clock.Frequency / 4;

    private readonly RelayClient _client;
    private readonly TrackDistributor?[] _video = new TrackDistributor?[RelayTrack.MaxRenditions];
    private readonly CodecConfig?[] _videoConfig = new CodecConfig?[RelayTrack.MaxRenditions];
    private readonly bool[] _needKeyframe = new bool[RelayTrack.MaxRenditions];
    private readonly bool[] _resumed = new bool[RelayTrack.MaxRenditions];
    private readonly TrackDistributor _audio;
    private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long[] _lastKeyframeRequest = new long[RelayTrack.MaxRenditions];
    private IReadOnlyList<RenditionInfo> _renditions = [];
    private CodecConfig? _audioConfig;
    private volatile bool _live;
    private long _lastUsedTicks = Clock.Ticks;

    public RelayStreamHandle(RelayClient client, string name, uint channel)
    {
        _client = client;
        Name = name;
        Channel = channel;
        _audio = new TrackDistributor($"relay/{name}/audio", keepGop: false);
    }

    public string Name { get; }
    public uint Channel { get; }
    public bool IsLive => _live;
    public IReadOnlyList<RenditionInfo> Renditions => Volatile.Read(ref _renditions);
    public CodecConfig? AudioConfig => Volatile.Read(ref _audioConfig);
    public event Action? Changed;

    /// <summary>Completes true once the origin described the stream, false when it has no such stream.</summary>
    public Task<bool> Ready => _ready.Task;

    /// <summary>Whether the origin ever described it (it then stays, across reconnects, until its linger ends).</summary>
    public bool HasInfo => _ready.Task.IsCompletedSuccessfully && _ready.Task.Result;

    /// <summary>The origin answered NOT_FOUND to the last SUBSCRIBE (retried while viewers remain).</summary>
    public volatile bool NotFound;

    public long LastSubscribeTicks;

    public int ReaderCount
    {
        get
        {
            int n = _audio.ReaderCount;
            for (int i = 0; i < _video.Length; i++)
            {
                n += Volatile.Read(ref _video[i])?.ReaderCount ?? 0;
            }
            return n;
        }
    }

    public long LastUsedTicks => Interlocked.Read(ref _lastUsedTicks);

    public void Touch() => Interlocked.Exchange(ref _lastUsedTicks, Clock.Ticks);

    public void Subscribe(int renditionId, FrameReader reader, bool withAudio)
    {
        TrackDistributor track = ((uint)renditionId < RelayTrack.MaxRenditions ? Volatile.Read(ref _video[renditionId]) : null)
            ?? throw new ArgumentOutOfRangeException(nameof(renditionId), renditionId, $"stream '{Name}' has no rendition {renditionId}");
        Touch();
        track.Subscribe(reader);
        if (withAudio)
        {
            _audio.Subscribe(reader);
        }
    }

    public void SubscribeAudio(FrameReader reader)
    {
        Touch();
        _audio.Subscribe(reader);
    }

    public void RequestKeyframe(int renditionId)
    {
        if ((uint)renditionId >= RelayTrack.MaxRenditions)
        {
            return;
        }
        long now = Clock.Ticks;
        long last = Interlocked.Read(ref _lastKeyframeRequest[renditionId]);
        if (now - last < KeyframeRequestIntervalTicks || Interlocked.CompareExchange(ref _lastKeyframeRequest[renditionId], now, last) != last)
        {
            return;
        }
        _client.SendKeyframeRequest(Channel, (byte)renditionId);
    }

    // ---- the client's reader thread ----

    public void ApplyInfo(in StreamInfoMessage info)
    {
        NotFound = false;
        var list = new List<RenditionInfo>(info.Renditions.Count);
        foreach (RenditionInfo r in info.Renditions)
        {
            if (Volatile.Read(ref _video[r.Id]) is null)
            {
                Volatile.Write(ref _video[r.Id], new TrackDistributor($"relay/{Name}/{r.Name}", keepGop: true));
                _needKeyframe[r.Id] = true;
            }
            CodecConfig? config = Keep(_videoConfig[r.Id], r.VideoConfig) ?? _videoConfig[r.Id];
            _videoConfig[r.Id] = config;
            list.Add(r with { VideoConfig = config });
        }
        Volatile.Write(ref _renditions, list);
        Volatile.Write(ref _audioConfig, Keep(_audioConfig, info.AudioConfig) ?? _audioConfig);
        _live = info.IsLive;
        _ready.TrySetResult(true);
        Changed?.Invoke();
    }

    public void ApplyConfig(byte track, CodecConfig config)
    {
        if (track == RelayTrack.Audio)
        {
            if (!CodecConfigWire.SameValues(_audioConfig, config))
            {
                Volatile.Write(ref _audioConfig, config);
                Changed?.Invoke();
            }
            return;
        }
        if (CodecConfigWire.SameValues(_videoConfig[track], config))
        {
            return;
        }
        _videoConfig[track] = config;
        IReadOnlyList<RenditionInfo> current = Renditions;
        var list = new List<RenditionInfo>(current.Count);
        foreach (RenditionInfo r in current)
        {
            list.Add(r.Id == track ? r with { VideoConfig = config, Width = config.Width, Height = config.Height } : r);
        }
        Volatile.Write(ref _renditions, list);
        Changed?.Invoke();
    }

    public void OnStreamEnd()
    {
        _live = false;
        Changed?.Invoke();
    }

    public void OnNotFound()
    {
        NotFound = true;
        _ready.TrySetResult(false);
        if (_live)
        {
            _live = false;
            Changed?.Invoke();
        }
    }

    /// <summary>The origin connection dropped (or was re-established): every video track waits for a keyframe.</summary>
    public void OnResubscribe()
    {
        for (int i = 0; i < _needKeyframe.Length; i++)
        {
            _resumed[i] = _resumed[i] || _needKeyframe[i] is false && _video[i] is not null;
            _needKeyframe[i] = true;
        }
    }

    public void OnDisconnected()
    {
        OnResubscribe();
        if (_live)
        {
            _live = false;
            Changed?.Invoke();
        }
    }

    /// <summary>Whether a frame on this track would be used (checked before its payload is read).</summary>
    public bool Accepts(byte track, FrameFlags flags)
    {
        if (track == RelayTrack.Audio)
        {
            return true;
        }
        if (_video[track] is null)
        {
            return false;
        }
        if (_needKeyframe[track])
        {
            if ((flags & FrameFlags.Keyframe) == 0)
            {
                return false;
            }
            _needKeyframe[track] = false;
        }
        return true;
    }

    /// <summary>A frame on this track was lost here (no buffer): wait for the next keyframe.</summary>
    public void OnLoss(byte track)
    {
        if (track != RelayTrack.Audio)
        {
            _needKeyframe[track] = true;
            _resumed[track] = true;
        }
    }

    public CodecConfig? ConfigFor(byte track) => track == RelayTrack.Audio ? _audioConfig : _videoConfig[track];

    /// <summary>Publishes a frame (the caller keeps and releases its own reference).</summary>
    public void Publish(byte track, ref MediaFrame frame)
    {
        if (track == RelayTrack.Audio)
        {
            _audio.Publish(frame);
            return;
        }
        if (_resumed[track])
        {
            _resumed[track] = false;
            frame.Flags |= FrameFlags.Discontinuity;
        }
        _video[track]!.Publish(frame);
    }

    /// <summary>Attaches waiting readers while no frame flows (reader thread, on heartbeats).</summary>
    public void AdoptPending()
    {
        _audio.AdoptPendingNow();
        foreach (TrackDistributor? t in _video)
        {
            t?.AdoptPendingNow();
        }
    }

    /// <summary>Reader thread, after the handle left the client: releases the GOP caches.</summary>
    public void Retire()
    {
        _live = false;
        _ready.TrySetResult(false);
        _audio.Dispose();
        foreach (TrackDistributor? t in _video)
        {
            t?.Dispose();
        }
    }

    private static CodecConfig? Keep(CodecConfig? current, CodecConfig? received) =>
        received is null ? null : CodecConfigWire.SameValues(current, received) ? current : received;
}
