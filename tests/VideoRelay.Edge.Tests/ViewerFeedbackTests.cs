using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.Edge.Tests;

/// <summary>What the viewer sends back — PLI, receiver reports, consent — and what its receive path costs.</summary>
public class ViewerFeedbackTests
{
    [Fact]
    public async Task A_loss_nack_cannot_repair_brings_a_pli_to_the_source_and_the_next_keyframe_recovers()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("pli");
        // Keyframes only at 0 and 100: after the outage and the NACK window the viewer has nothing to decode from
        // (had the next keyframe already arrived behind the hole, no PLI would be needed — and none is sent).
        var video = TestPublisher.Generate(130, gop: 100);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(130), TimeSpan.FromMilliseconds(10));
        bool blackout = false;
        var lost = new HashSet<ushort>(); // receive thread only
        var options = new WhepViewerOptions
        {
            // An outage NACK cannot repair: every video packet sent during it is lost, its retransmissions too.
            DropIncomingRtp = p =>
            {
                if ((p[1] & 0x7F) != WhepOfferBuilder.H264PayloadType)
                {
                    return false;
                }
                ushort seq = (ushort)(p[2] << 8 | p[3]);
                if (Volatile.Read(ref blackout))
                {
                    lost.Add(seq);
                    return true;
                }
                return lost.Contains(seq);
            },
        };
        await using WhepViewer viewer = await h.ConnectAsync("pli", options);
        publisher.PauseAfter(34);
        publisher.Start();
        Assert.True(await EdgeHarness.WaitUntilAsync(() => viewer.Counters.VideoFrames == 35, TimeSpan.FromSeconds(5)));
        Volatile.Write(ref blackout, true);
        publisher.Resume();
        Assert.True(await EdgeHarness.WaitUntilAsync(() => publisher.Published >= 45, TimeSpan.FromSeconds(5)));
        Volatile.Write(ref blackout, false);
        await publisher.Completion;
        Assert.True(await EdgeHarness.WaitUntilAsync(() => stream.KeyframeRequests > 0, TimeSpan.FromSeconds(3)), viewer.Counters.ToString());
        List<ReceivedFrame> frames = await viewer.ReadFramesAsync(MediaKind.Video, 1000, TimeSpan.FromMilliseconds(500));

        WhepViewerCounters c = viewer.Counters;
        Assert.True(c.PlisSent >= 1, c.ToString());
        Assert.True(c.PacketsLost > 0, c.ToString());
        Assert.True(h.Edge.Counters.PlisReceived >= 1);
        var check = new FrameCheck(video);
        int[] indices = frames.Where(f => f.Kind == MediaKind.Video).Select(f => check.IndexOf(f.Payload)).ToArray();
        Assert.Equal(Enumerable.Range(0, 35), indices.Take(35));
        int resumed = Array.IndexOf(indices, 100);
        Assert.Equal(35, resumed); // nothing damaged in between: the viewer waits for the keyframe
        Assert.Equal(Enumerable.Range(100, 30), indices.Skip(resumed)); // whole again from the keyframe on
        Assert.All(indices, i => Assert.True(i >= 0, "no damaged frame is ever emitted"));
    }

    [Fact]
    public async Task Receiver_reports_reach_the_edge_and_consent_checks_keep_the_session_alive()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync(o => o.ConsentTimeoutSeconds = 1.2);
        TestStream stream = h.AddStream("consent");
        var video = TestPublisher.Generate(120);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(120), TimeSpan.FromMilliseconds(20));
        var options = new WhepViewerOptions { ConsentInterval = TimeSpan.FromMilliseconds(300), ReportInterval = TimeSpan.FromMilliseconds(250) };
        await using WhepViewer viewer = await h.ConnectAsync("consent", options);
        publisher.Start();
        await publisher.Completion; // 2.4 s: twice the consent timeout

        Assert.Equal(1, h.Edge.ViewerCount);
        Assert.True(viewer.Counters.ConsentResponses >= 4, viewer.Counters.ToString());
        Assert.True(viewer.Counters.ReceiverReportsSent >= 4, viewer.Counters.ToString());
        Assert.True(viewer.Counters.SenderReports >= 1, viewer.Counters.ToString());
        Assert.True(Interlocked.Read(ref h.Edge.Counters.RtcpPackets) >= 4);
        Assert.Equal(0, Interlocked.Read(ref h.Edge.Counters.RtcpAuthFailed));
        Assert.Equal(0, Interlocked.Read(ref h.Edge.Counters.RtcpMalformed));
        Sessions.ViewerSession session = Assert.Single(h.Edge.Sessions);
        Assert.Equal(0, session.ReportedCumulativeLost);
        Assert.Equal(0, viewer.Counters.PacketsLost);
    }

    [Fact]
    public async Task Receive_path_allocates_nothing_per_packet_with_the_frame_queue_off()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("alloc");
        var video = TestPublisher.Generate(150);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(150), TimeSpan.FromMilliseconds(5));
        long atFrame60 = 0;
        long atFrame149 = 0;
        int videoFrames = 0;
        var options = new WhepViewerOptions
        {
            FrameQueueCapacity = 0,
            ReportInterval = TimeSpan.FromMilliseconds(100), // first reports (and their SRTCP stream state) before measuring
            // The per-packet media path is what is measured: keep the ICE consent timer (a check every 2 s, whose
            // response parsing allocates an IPEndPoint) out of the window, which stretches under a loaded CI machine.
            ConsentInterval = TimeSpan.FromSeconds(30),
            OnFrame = (kind, _, _, _, _) =>
            {
                if (kind != MediaKind.Video)
                {
                    return;
                }
                videoFrames++;
                if (videoFrames == 60)
                {
                    atFrame60 = GC.GetAllocatedBytesForCurrentThread(); // the receive thread's own count
                }
                else if (videoFrames == 149)
                {
                    Volatile.Write(ref atFrame149, GC.GetAllocatedBytesForCurrentThread());
                }
            },
        };
        await using WhepViewer viewer = await h.ConnectAsync("alloc", options);
        publisher.Start();
        await publisher.Completion;
        Assert.True(await EdgeHarness.WaitUntilAsync(() => Volatile.Read(ref atFrame149) != 0, TimeSpan.FromSeconds(5)));

        // ~90 frames, ~800 packets of video and audio, NACK/RR timers running. Not exactly zero: the runtime
        // occasionally allocates a few dozen bytes once on a long-running thread (seen: 56 B, tier-up/OSR), so
        // the bound is "far less than one byte per packet".
        long allocated = atFrame149 - atFrame60;
        Assert.True(allocated < 256, $"{allocated} bytes allocated on the receive thread over ~800 packets");
        Assert.False(viewer.Frames.TryRead(out _));
    }
}
