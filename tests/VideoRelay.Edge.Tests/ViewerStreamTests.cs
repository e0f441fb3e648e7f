using System.Diagnostics;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.Edge.Tests;

/// <summary>Our WHEP viewer against the in-process edge over real UDP on loopback.</summary>
public class ViewerStreamTests
{
    private static readonly TimeSpan Read = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Viewer_reassembles_every_published_frame_bit_exact_and_every_audio_packet()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("live");
        var video = TestPublisher.Generate(75);
        var audio = TestPublisher.GenerateAudio(75);
        using var publisher = new TestPublisher(stream, video, audio, TimeSpan.FromMilliseconds(10));
        await using WhepViewer viewer = await h.ConnectAsync("live");

        publisher.Start();
        await publisher.Completion;
        List<ReceivedFrame> frames = await viewer.ReadFramesAsync(MediaKind.Video, video.Count, Read);
        await EdgeHarness.WaitUntilAsync(() => viewer.Counters.AudioFrames >= audio.Count, TimeSpan.FromSeconds(2));
        frames.AddRange(Drain(viewer));

        new FrameCheck(video).AssertContiguous(frames, 0, video.Count - 1);
        byte[][] receivedAudio = frames.Where(f => f.Kind == MediaKind.Audio).Select(f => f.Payload).ToArray();
        Assert.Equal(audio.Count, receivedAudio.Length);
        for (int i = 0; i < audio.Count; i++)
        {
            Assert.Equal(audio[i], receivedAudio[i]);
        }
        Assert.Equal(0, viewer.Counters.PacketsLost);
        Assert.Equal(0, viewer.Counters.FramesDropped);
        Assert.Equal(0, viewer.Counters.SrtpAuthFailures);
        Assert.Null(viewer.ReceiveFailure);
        Assert.Equal(1, h.Edge.ViewerCount);
    }

    [Fact]
    public async Task Nack_recovers_every_frame_when_five_percent_of_media_packets_are_dropped()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("lossy");
        const int checkedFrames = 120;
        var video = TestPublisher.Generate(checkedFrames + 10); // a tail, so a loss in the last checked frame is noticed
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(video.Count), TimeSpan.FromMilliseconds(10));
        var random = new Random(20240611);
        int seen = 0;
        var options = new WhepViewerOptions
        {
            // The receive thread calls this: no locking needed. The first packets pass so the stream has a start.
            DropIncomingRtp = _ => ++seen > 3 && random.NextDouble() < 0.05,
        };
        await using WhepViewer viewer = await h.ConnectAsync("lossy", options);

        publisher.Start();
        await publisher.Completion;
        List<ReceivedFrame> frames = await viewer.ReadFramesAsync(MediaKind.Video, checkedFrames, Read);

        new FrameCheck(video).AssertContiguous(frames.Take(frames.FindLastIndex(f => f.Kind == MediaKind.Video) + 1), 0, checkedFrames - 1);
        WhepViewerCounters c = viewer.Counters;
        Assert.True(c.DroppedByHook > 20, $"the hook dropped {c.DroppedByHook}");
        Assert.True(c.Retransmissions > 0, c.ToString());
        Assert.True(c.NackPacketsSent > 0, c.ToString());
        Assert.True(h.Edge.Counters.NacksReceived > 0);
        Assert.Equal(0, c.FramesDropped);
        Assert.Equal(0, c.PlisSent);
        Console.WriteLine($"NACK test: {c}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Late_viewer_starts_at_the_cached_keyframe_without_waiting_for_the_next(bool anotherViewerWatching)
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("gop");
        var video = TestPublisher.Generate(90, gop: 30);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(90), TimeSpan.FromMilliseconds(10));
        await using WhepViewer? first = anotherViewerWatching ? await h.ConnectAsync("gop") : null;
        publisher.PauseAfter(39); // mid-GOP: frame 30 is the last keyframe; nothing new comes while the late viewer joins
        publisher.Start();
        Assert.True(await EdgeHarness.WaitUntilAsync(() => publisher.Published == 40, TimeSpan.FromSeconds(5)));

        await using WhepViewer late = await h.ConnectAsync("gop");
        List<ReceivedFrame> frames = await late.ReadFramesAsync(MediaKind.Video, 10, Read); // 30..39, from the cache
        Assert.Equal(40, publisher.Published);
        publisher.Resume();
        await publisher.Completion;
        frames.AddRange(await late.ReadFramesAsync(MediaKind.Video, 90 - 40, Read));

        ReceivedFrame firstFrame = frames.First(f => f.Kind == MediaKind.Video);
        var check = new FrameCheck(video);
        Assert.True(firstFrame.Keyframe);
        Assert.True(late.FirstVideoFrameWasKeyframe);
        Assert.Equal(30, check.IndexOf(firstFrame.Payload)); // the cached GOP's keyframe, not frame 60
        check.AssertContiguous(frames, 30, 89);
        Console.WriteLine($"late viewer (another watching: {anotherViewerWatching}): first frame {late.TimeToFirstVideoFrame?.TotalMilliseconds:0.0} ms after connect began " +
            $"(offer/answer {late.OfferAnswerDuration.TotalMilliseconds:0.0}, ICE {late.IceDuration.TotalMilliseconds:0.0}, keys {late.ConnectDuration.TotalMilliseconds:0.0} ms)");
    }

    [Fact]
    public async Task Two_viewers_at_once_each_get_every_frame()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("pair");
        var video = TestPublisher.Generate(60);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(60), TimeSpan.FromMilliseconds(10));
        Task<WhepViewer> a = h.ConnectAsync("pair");
        Task<WhepViewer> b = h.ConnectAsync("pair");
        await using WhepViewer viewerA = await a;
        await using WhepViewer viewerB = await b;
        Assert.Equal(2, h.Edge.ViewerCount);

        publisher.Start();
        await publisher.Completion;
        List<ReceivedFrame> framesA = await viewerA.ReadFramesAsync(MediaKind.Video, 60, Read);
        List<ReceivedFrame> framesB = await viewerB.ReadFramesAsync(MediaKind.Video, 60, Read);

        var check = new FrameCheck(video);
        check.AssertContiguous(framesA, 0, 59);
        check.AssertContiguous(framesB, 0, 59);
        Assert.Single(h.Edge.Fanouts); // packetized once for both
    }

    [Fact]
    public async Task Dispose_deletes_the_session_and_the_edge_frees_it()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        h.AddStream("bye");
        WhepViewer viewer = await h.ConnectAsync("bye");
        Assert.Equal(1, h.Edge.ViewerCount);
        var sw = Stopwatch.StartNew();
        await viewer.DisposeAsync();
        Assert.Equal(200, viewer.DeleteStatus);
        Assert.Equal(0, h.Edge.ViewerCount);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3));
    }

    private static List<ReceivedFrame> Drain(WhepViewer viewer)
    {
        var list = new List<ReceivedFrame>();
        while (viewer.Frames.TryRead(out ReceivedFrame f))
        {
            list.Add(f);
        }
        return list;
    }
}
