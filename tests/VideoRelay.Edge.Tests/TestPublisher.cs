using System.Diagnostics;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;

namespace VideoRelay.Edge.Tests;

/// <summary>
/// A feeder thread: publishes a fixed list of access units (and Opus packets in step with them) into a
/// <see cref="TestStream"/> at a fixed interval, like an encoder would. The producer of both tracks.
/// </summary>
internal sealed class TestPublisher : IDisposable
{
    private readonly TestStream _stream;
    private readonly IReadOnlyList<(byte[] Au, bool Key)> _video;
    private readonly IReadOnlyList<byte[]> _audio;
    private readonly TimeSpan _interval;
    private readonly TieredBufferPool _pool = new("test-publisher", false, (4096, 2048), (16384, 1024), (262144, 256));
    private readonly long[] _publishedTicks;
    private readonly ManualResetEventSlim _go = new();
    private readonly Thread _thread;
    private volatile bool _stop;
    private volatile int _pauseAfter = int.MaxValue;
    private int _published;

    public TestPublisher(TestStream stream, IReadOnlyList<(byte[] Au, bool Key)> video, IReadOnlyList<byte[]> audio, TimeSpan interval)
    {
        _stream = stream;
        _video = video;
        _audio = audio;
        _interval = interval;
        _publishedTicks = new long[video.Count];
        _thread = new Thread(Run) { IsBackground = true, Name = "test-publisher" };
        _thread.Start();
    }

    /// <summary>Video frames published so far.</summary>
    public int Published => Volatile.Read(ref _published);

    public long PublishedTicks(int index) => Volatile.Read(ref _publishedTicks[index]);

    public Task Completion => _done.Task;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Start() => _go.Set();

    /// <summary>Stops publishing after frame <paramref name="index"/> until <see cref="Resume"/> (readers are still adopted, as an idle producer does).</summary>
    public void PauseAfter(int index) => _pauseAfter = index;

    public void Resume() => _pauseAfter = int.MaxValue;

    /// <summary>Makes a list of generated access units, a keyframe every <paramref name="gop"/>.</summary>
    public static List<(byte[] Au, bool Key)> Generate(int count, int gop = 30) =>
        Enumerable.Range(0, count).Select(i => (TestMedia.AccessUnit(i, i % gop == 0), i % gop == 0)).ToList();

    /// <summary>Audio packets covering <paramref name="videoFrames"/> frames at 30 fps (20 ms each).</summary>
    public static List<byte[]> GenerateAudio(int videoFrames) =>
        Enumerable.Range(0, (videoFrames - 1) * 3000 / 1800 + 1).Select(TestMedia.OpusPacket).ToList();

    private void Run()
    {
        try
        {
            _go.Wait();
            long next = Stopwatch.GetTimestamp();
            long step = (long)(_interval.TotalSeconds * Stopwatch.Frequency);
            int audio = 0;
            for (int i = 0; i < _video.Count && !_stop; i++)
            {
                long pts = i * 3000L;
                while (audio < _audio.Count && audio * 1800L <= pts)
                {
                    Publish(_stream.Audio, _audio[audio], CodecId.Opus, audio * 1800L, false, null, audio);
                    audio++;
                }
                Publish(_stream.Video, _video[i].Au, CodecId.H264, pts, _video[i].Key, _stream.Renditions[0].VideoConfig, i);
                Volatile.Write(ref _publishedTicks[i], Stopwatch.GetTimestamp());
                Interlocked.Increment(ref _published);
                while (i >= _pauseAfter && !_stop)
                {
                    _stream.Video.AdoptPendingNow();
                    _stream.Audio.AdoptPendingNow();
                    Thread.Sleep(2);
                    next = Stopwatch.GetTimestamp();
                }
                next += step;
                while (Stopwatch.GetTimestamp() < next && !_stop)
                {
                    Thread.Sleep(1);
                }
            }
            _done.TrySetResult();
        }
        catch (Exception e)
        {
            _done.TrySetException(e);
        }
    }

    private void Publish(Core.Streams.TrackDistributor track, byte[] payload, CodecId codec, long pts, bool key, CodecConfig? config, long sequence)
    {
        if (!_pool.TryRent(payload.Length, out BufferLease lease))
        {
            throw new InvalidOperationException("test publisher pool exhausted");
        }
        payload.CopyTo(lease.Span);
        lease.SetLength(payload.Length);
        var frame = new MediaFrame
        {
            Codec = codec,
            Flags = key ? FrameFlags.Keyframe : FrameFlags.None,
            Pts = pts,
            Dts = pts,
            Sequence = sequence,
            Lease = lease,
            Offset = 0,
            Length = payload.Length,
            Config = config,
        };
        frame.Timing.StampNow(Hop.Capture);
        track.Publish(frame);
        frame.Release();
    }

    public void Dispose()
    {
        _stop = true;
        _go.Set();
        _thread.Join(TimeSpan.FromSeconds(5));
        _go.Dispose();
    }
}
