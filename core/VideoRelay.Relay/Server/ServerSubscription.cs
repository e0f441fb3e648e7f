using VideoRelay.Core.Media;
using VideoRelay.Core.Queues;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Protocol;
using VideoRelay.Relay.Transport;

namespace VideoRelay.Relay.Server;

/// <summary>
/// One channel of one edge connection: a <see cref="FrameReader"/> per subscribed rendition and one for the audio,
/// drained by the connection's writer thread into FRAME messages. Everything but <see cref="OnChanged"/> runs on that
/// writer thread, so the readers have their single consumer and the "last config sent" per track needs no lock.
/// </summary>
internal sealed class ServerSubscription : IDisposable
{
    private readonly byte[] _wanted;
    private readonly FrameReader?[] _video = new FrameReader?[RelayTrack.MaxRenditions];
    private readonly CodecConfig?[] _sentVideoConfig = new CodecConfig?[RelayTrack.MaxRenditions];
    private readonly FrameReader _audio;
    private readonly SpscWaiter _waiter;
    private readonly RelayServerOptions _options;
    private readonly string _readerPrefix;
    private CodecConfig? _sentAudioConfig;
    private int _changed = 1; // STREAM_INFO goes out before any frame
    private bool _sentLive;
    private long _droppedReported;

    public ServerSubscription(uint channel, IStreamHandle handle, byte[] wanted, SpscWaiter waiter, RelayServerOptions options, long connectionId)
    {
        Channel = channel;
        Handle = handle;
        _wanted = wanted;
        _waiter = waiter;
        _options = options;
        _readerPrefix = $"relay{connectionId}/{handle.Name}";
        _audio = new FrameReader($"{_readerPrefix}/audio", 2, options.AudioQueueFrames, waiter);
        handle.Changed += OnChanged;
        handle.SubscribeAudio(_audio);
    }

    public uint Channel { get; }
    public IStreamHandle Handle { get; }

    /// <summary>Renditions asked for (empty: all).</summary>
    public byte[] Wanted => _wanted;

    /// <summary>Writer thread: whether anything waits (frames, or a change to announce).</summary>
    public bool HasWork
    {
        get
        {
            if (Volatile.Read(ref _changed) != 0 || _audio.HasFrames || Handle.IsLive != _sentLive)
            {
                return true;
            }
            foreach (FrameReader? reader in _video)
            {
                if (reader is not null && reader.HasFrames)
                {
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>Frames dropped so far at this channel's readers (slow edge).</summary>
    public long Dropped
    {
        get
        {
            long n = _audio.Dropped;
            foreach (FrameReader? reader in _video)
            {
                n += reader?.Dropped ?? 0;
            }
            return n;
        }
    }

    /// <summary>Dropped frames not reported yet (writer thread).</summary>
    public long TakeNewDrops()
    {
        long total = Dropped;
        long delta = total - _droppedReported;
        _droppedReported = total;
        return delta;
    }

    private void OnChanged()
    {
        Volatile.Write(ref _changed, 1);
        _waiter.Notify();
    }

    /// <summary>Writer thread: announces changes (STREAM_INFO, STREAM_END) and attaches readers to new renditions.</summary>
    public void AnnounceChanges(RelaySocket socket)
    {
        bool live = Handle.IsLive;
        if (Interlocked.Exchange(ref _changed, 0) == 0 && live == _sentLive)
        {
            return;
        }
        IReadOnlyList<RenditionInfo> renditions = Handle.Renditions;
        foreach (RenditionInfo r in renditions)
        {
            if ((uint)r.Id < RelayTrack.MaxRenditions && _video[r.Id] is null && (_wanted.Length == 0 || Array.IndexOf(_wanted, (byte)r.Id) >= 0))
            {
                var reader = new FrameReader($"{_readerPrefix}/{r.Id}", _options.VideoQueueFrames, 2, _waiter);
                try
                {
                    Handle.Subscribe(r.Id, reader, withAudio: false);
                    _video[r.Id] = reader;
                }
                catch (ArgumentOutOfRangeException)
                {
                    reader.Dispose(); // the rendition went away between the listing and the subscription
                }
            }
            if ((uint)r.Id < RelayTrack.MaxRenditions && r.VideoConfig is not null)
            {
                _sentVideoConfig[r.Id] = r.VideoConfig;
            }
        }
        CodecConfig? audio = Handle.AudioConfig;
        if (audio is not null)
        {
            _sentAudioConfig = audio;
        }
        if (_sentLive && !live)
        {
            socket.Send(new ChannelMessage(RelayMessageType.StreamEnd, Channel, RelayTrack.Audio));
        }
        socket.Send(new StreamInfoMessage(Channel, live, renditions, audio));
        _sentLive = live;
    }

    /// <summary>Writer thread: sends up to <paramref name="budget"/> queued frames; returns how many went out.</summary>
    public int Drain(RelaySocket socket, int budget, RelayServerCounters counters)
    {
        int sent = 0;
        for (int i = 0; i < _video.Length && sent < budget; i++)
        {
            if (_video[i] is { } reader)
            {
                sent += DrainReader(socket, reader, (byte)i, budget - sent, counters);
            }
        }
        if (sent < budget)
        {
            sent += DrainReader(socket, _audio, RelayTrack.Audio, budget - sent, counters);
        }
        return sent;
    }

    private int DrainReader(RelaySocket socket, FrameReader reader, byte track, int budget, RelayServerCounters counters)
    {
        int n = 0;
        while (n < budget && reader.TryRead(out MediaFrame frame))
        {
            n++;
            try
            {
                SendConfigIfChanged(socket, track, frame.Config);
                FrameHeader header = FrameHeader.From(frame, Channel, track);
                header.Timing.StampNow(Hop.RelaySend);
                socket.SendFrame(header, frame.Payload);
                Interlocked.Increment(ref counters.FramesSent);
                Interlocked.Add(ref counters.BytesSent, frame.Length);
            }
            finally
            {
                frame.Release();
            }
        }
        return n;
    }

    private void SendConfigIfChanged(RelaySocket socket, byte track, CodecConfig? config)
    {
        if (config is null)
        {
            return;
        }
        ref CodecConfig? sent = ref track == RelayTrack.Audio ? ref _sentAudioConfig : ref _sentVideoConfig[track];
        if (!ReferenceEquals(sent, config))
        {
            socket.Send(new ConfigMessage(Channel, track, config));
            sent = config;
        }
    }

    /// <summary>Writer thread (or after it ended): detaches and releases whatever is still queued.</summary>
    public void Dispose()
    {
        Handle.Changed -= OnChanged;
        _audio.Dispose();
        foreach (FrameReader? reader in _video)
        {
            reader?.Dispose();
        }
    }
}
