using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Relay.Tests.Support;

/// <summary>
/// An origin stream made of core <see cref="TrackDistributor"/>s (two renditions + audio), fed by its own thread with
/// synthetic frames whose payload and timing are a function of the sequence number (so receivers check them bit-exact).
/// </summary>
internal sealed class FakeStream : IStreamHandle, IDisposable
{
    public const long CaptureBase = 1_700_000_000_000_000_000;

    private readonly TieredBufferPool _pool;
    private readonly TrackDistributor[] _video;
    private readonly TrackDistributor _audio = new("fake/audio", keepGop: false);
    private readonly Thread _thread;
    private readonly int _intervalMs;
    private readonly int _gop;
    private volatile bool _stop;
    private volatile bool _paused;
    private volatile bool _forceKeyframe;
    private int _keyframeRequests;
    private CodecConfig[] _configs;

    public FakeStream(string name, TieredBufferPool pool, int intervalMs = 5, int gop = 10, int payloadSize = 3000)
    {
        Name = name;
        _pool = pool;
        _intervalMs = intervalMs;
        _gop = gop;
        PayloadSize = payloadSize;
        _video = [new TrackDistributor($"{name}/source", keepGop: true), new TrackDistributor($"{name}/360p", keepGop: true)];
        _configs = [MakeConfig(1280, 720, 1), MakeConfig(640, 360, 1)];
        AudioConfig = new CodecConfig { Codec = CodecId.Opus, SampleRate = 48000, Channels = 2 };
        _thread = new Thread(Run) { IsBackground = true, Name = $"fake-{name}" };
        _thread.Start();
    }

    public string Name { get; }
    public int PayloadSize { get; }
    public bool IsLive => !_paused;
    public IReadOnlyList<RenditionInfo> Renditions =>
    [
        new RenditionInfo(0, "source", 1280, 720, 0, Volatile.Read(ref _configs)[0]),
        new RenditionInfo(1, "360p", 640, 360, 800, Volatile.Read(ref _configs)[1]),
    ];
    public CodecConfig? AudioConfig { get; }
    public int KeyframeRequests => Volatile.Read(ref _keyframeRequests);
    public long Sequence;
    public event Action? Changed;

    public static CodecConfig MakeConfig(int width, int height, byte version) => new()
    {
        Codec = CodecId.H264,
        Width = width,
        Height = height,
        FrameRateMilli = 30000,
        Sps = [0x67, 0x42, 0xe0, 0x1f, version, 0xda, 0x01],
        Pps = [0x68, 0xce, 0x3c, 0x80, version],
    };

    /// <summary>The payload byte at <paramref name="index"/> of frame <paramref name="sequence"/> on <paramref name="track"/>.</summary>
    public static byte PayloadByte(long sequence, int track, int index) => (byte)(sequence * 31 + track * 7 + index * 13);

    public void Subscribe(int renditionId, FrameReader reader, bool withAudio)
    {
        if ((uint)renditionId >= _video.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(renditionId));
        }
        _video[renditionId].Subscribe(reader);
        if (withAudio)
        {
            _audio.Subscribe(reader);
        }
    }

    public void SubscribeAudio(FrameReader reader) => _audio.Subscribe(reader);

    public void RequestKeyframe(int renditionId)
    {
        Interlocked.Increment(ref _keyframeRequests);
        _forceKeyframe = true;
    }

    /// <summary>Swaps rendition 0's configuration (new SPS version); frames after it reference the new instance.</summary>
    public CodecConfig ChangeConfig(byte version)
    {
        CodecConfig[] next = [MakeConfig(1280, 720, version), _configs[1]];
        Volatile.Write(ref _configs, next);
        Changed?.Invoke();
        return next[0];
    }

    public void SetLive(bool live)
    {
        _paused = !live;
        Changed?.Invoke();
    }

    private void Run()
    {
        long seq = 0;
        while (!_stop)
        {
            if (!_paused)
            {
                bool key = seq % _gop == 0 || _forceKeyframe;
                _forceKeyframe = false;
                CodecConfig[] configs = Volatile.Read(ref _configs);
                for (int r = 0; r < _video.Length; r++)
                {
                    Emit(_video[r], CodecId.H264, seq, r, key, configs[r], PayloadSize / (r + 1));
                }
                Emit(_audio, CodecId.Opus, seq, 255, false, AudioConfig, 120);
                Interlocked.Exchange(ref Sequence, seq);
                seq++;
            }
            else
            {
                foreach (TrackDistributor t in _video)
                {
                    t.AdoptPendingNow();
                }
                _audio.AdoptPendingNow();
            }
            Thread.Sleep(_intervalMs);
        }
        foreach (TrackDistributor t in _video)
        {
            t.Dispose();
        }
        _audio.Dispose();
    }

    private void Emit(TrackDistributor track, CodecId codec, long seq, int trackId, bool key, CodecConfig? config, int size)
    {
        if (!_pool.TryRent(size, out BufferLease lease))
        {
            return;
        }
        Span<byte> span = lease.Span;
        for (int i = 0; i < size; i++)
        {
            span[i] = PayloadByte(seq, trackId, i);
        }
        lease.SetLength(size);
        var frame = new MediaFrame
        {
            Codec = codec,
            Flags = key ? FrameFlags.Keyframe : FrameFlags.None,
            StreamId = 42,
            RenditionId = trackId == 255 ? 0 : trackId,
            Pts = seq * 3000 + 6000,
            Dts = seq * 3000,
            Duration = 3000,
            Sequence = seq,
            Lease = lease,
            Length = size,
            Config = config,
        };
        frame.Timing.CaptureUnixNs = CaptureBase + seq;
        frame.Timing.Stamp(Hop.IngestRx, CaptureBase + seq + 1000);
        frame.Timing.Stamp(Hop.Demuxed, CaptureBase + seq + 2000);
        track.Publish(frame);
        frame.Release();
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }
}
