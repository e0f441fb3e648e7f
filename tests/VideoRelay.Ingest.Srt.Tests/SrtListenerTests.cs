using System.Diagnostics;
using System.Net;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;

namespace VideoRelay.Ingest.Srt.Tests;

[Trait("Category", "EndToEnd")]
public sealed class SrtListenerTests : IDisposable
{
    private const string Passphrase = "correct-horse-battery";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private readonly TieredBufferPool _pool = new("srt-test", diagnostic: true, (2 * 1024, 512), (64 * 1024, 128), (1024 * 1024, 8), (4 * 1024 * 1024, 2));
    private readonly TestAuthority _authority = new(new Dictionary<string, string?> { ["test"] = null, ["keyed"] = "k1", ["secret"] = null });
    private readonly SrtListener _listener;

    public SrtListenerTests()
    {
        _listener = new SrtListener(
            new SrtListenerOptions
            {
                BindAddress = IPAddress.Loopback,
                Port = 0,
                LatencyMs = 40,
                Passphrases = new Dictionary<string, string> { ["secret"] = Passphrase },
            },
            _authority,
            _pool);
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _pool.Dispose(); // diagnostic: throws if a frame's buffer leaked
    }

    [Fact]
    public void Publish_with_short_stream_id_delivers_every_frame()
    {
        (int exit, string error) = Publish("publish:test", seconds: 2);
        Assert.True(exit == 0, error);
        TestSession session = Single("test");
        AssertStream(session, videoFrames: 60);
        Assert.True(_listener.Counters.Messages > 0);
        Assert.Equal(0, _listener.Counters.Bytes % 188);
        Assert.InRange(_listener.Counters.Bytes / _listener.Counters.Messages, 188, 1456);
        Assert.Equal(1, _listener.Counters.Connections);
        Assert.Equal(0, _listener.Counters.ActiveConnections);
    }

    [Fact]
    public void Publish_with_access_control_stream_id()
    {
        (int exit, string error) = Publish("#!::r=test,m=publish", seconds: 1);
        Assert.True(exit == 0, error);
        AssertStream(Single("test"), videoFrames: 30);
    }

    [Fact]
    public void Right_passphrase_publishes_and_wrong_one_is_refused()
    {
        (int bad, _) = Publish("publish:secret", seconds: 1, extra: "&passphrase=wrong-horse-battery&pbkeylen=16");
        Assert.NotEqual(0, bad);
        (int none, _) = Publish("publish:secret", seconds: 1);
        Assert.NotEqual(0, none);
        WaitFor(() => _authority.Sessions.All(s => s.IsDisposed));
        Assert.All(_authority.Sessions, s => Assert.Empty(s.Frames));
        // The wrong passphrase fails the handshake after admission (counted); the missing one may instead be
        // refused on the publisher's side after libsrt has accepted: either way no frame gets through.
        Assert.InRange(_listener.Counters.HandshakesFailed, 1, 2);

        (int good, string error) = Publish("publish:secret", seconds: 1, extra: "&passphrase=correct-horse-battery&pbkeylen=32");
        Assert.True(good == 0, error + Diagnostics());
        TestSession session = _authority.Sessions.Last();
        AssertStream(session, videoFrames: 30);
    }

    [Fact]
    public void Wrong_key_unknown_stream_and_request_mode_are_rejected_and_the_listener_survives()
    {
        Assert.NotEqual(0, Publish("publish:keyed?key=nope", seconds: 1).Exit);
        Assert.NotEqual(0, Publish("publish:nosuch", seconds: 1).Exit);
        Assert.NotEqual(0, Publish("#!::r=test,m=request", seconds: 1).Exit);
        Assert.NotEqual(0, Publish("garbage", seconds: 1).Exit);
        Assert.True(_listener.Counters.RejectedFor(SrtRejectReason.Unauthorized) >= 1);
        Assert.True(_listener.Counters.RejectedFor(SrtRejectReason.NotFound) >= 1);
        Assert.True(_listener.Counters.RejectedFor(SrtRejectReason.BadMode) >= 1);
        Assert.True(_listener.Counters.RejectedFor(SrtRejectReason.BadRequest) >= 1);
        Assert.Empty(_authority.Sessions);

        (int exit, string error) = Publish("publish:keyed?key=k1", seconds: 1);
        Assert.True(exit == 0, error);
        AssertStream(Single("keyed"), videoFrames: 30);
    }

    private string Diagnostics() =>
        $" rejected: {string.Join(",", _listener.Counters.Rejected.Select(kv => $"{kv.Key}={kv.Value}"))}, handshakes {_listener.Counters.Handshakes}, failed {_listener.Counters.HandshakesFailed}, requests {_authority.Requests.Count}, sessions {_authority.Sessions.Count}";

    private TestSession Single(string name)
    {
        TestSession session = Assert.Single(_authority.Sessions);
        Assert.Equal(name, session.Name);
        return session;
    }

    private static void AssertStream(TestSession session, int videoFrames)
    {
        Assert.True(session.WaitDisposed(s_wait), "session not disposed after the publisher left");
        var frames = session.Frames;
        var video = frames.Where(f => f.Codec == CodecId.H264).ToArray();
        var audio = frames.Where(f => f.Codec == CodecId.Aac).ToArray();
        // ffmpeg publishes with linger=1: without it libsrt (live mode, linger 0) drops the sender's unsent tail
        // at close, and the last frames never arrive.
        Assert.Equal(videoFrames, video.Length);
        Assert.Equal(Enumerable.Range(0, video.Length).Select(i => i % 30 == 0), video.Select(f => f.Key));
        Assert.Equal(video.Select(f => f.Pts).Order(), video.Select(f => f.Pts));
        Assert.InRange(audio.Length, videoFrames * 43 / 30 - 3, videoFrames * 43 / 30 + 3);
        CodecConfig config = session.Configs.First(c => c.Codec == CodecId.H264);
        Assert.Equal((320, 240, 30_000), (config.Width, config.Height, config.FrameRateMilli));
        Assert.Equal(44_100, session.Configs.First(c => c.Codec == CodecId.Aac).SampleRate);
        TimingRecord timing = video[^1].Timing;
        // Capture is the publisher's send time recovered from SRT's srctime: Capture → IngestRx ≈ the 40 ms latency.
        long[] srtDelays = video.Select(f => f.Timing.Between(Hop.Capture, Hop.IngestRx)).Order().ToArray();
        Assert.InRange(srtDelays[srtDelays.Length / 2], 30_000_000, 500_000_000);
        Assert.True(timing.Has(Hop.Demuxed));
    }

    private (int Exit, string Error) Publish(string streamId, int seconds, string extra = "")
    {
        string url = $"srt://127.0.0.1:{_listener.LocalPort}?streamid={streamId}&latency=40000&linger=1{extra}";
        var info = new ProcessStartInfo("ffmpeg",
            $"-hide_banner -loglevel error -re -f lavfi -i testsrc2=size=320x240:rate=30 -f lavfi -i sine -t {seconds} " +
            $"-c:v libx264 -preset ultrafast -tune zerolatency -g 30 -c:a aac -f mpegts \"{url}\"")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using Process process = Process.Start(info)!;
        string error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(20_000))
        {
            process.Kill();
            return (-1, "timeout: " + error);
        }
        return (process.ExitCode, error);
    }

    private static void WaitFor(Func<bool> condition)
    {
        var watch = Stopwatch.StartNew();
        while (!condition() && watch.Elapsed < s_wait)
        {
            Thread.Sleep(20);
        }
        Assert.True(condition());
    }
}
