using System.Net;
using System.Net.Sockets;
using VideoRelay.WebRtc.Ice;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.Edge.Tests;

/// <summary>Hostile datagrams on the edge's one UDP port are dropped and counted; a watching viewer sees no gap.</summary>
public class BadInputTests
{
    [Fact]
    public async Task Malformed_and_foreign_datagrams_are_dropped_and_counted_while_a_viewer_keeps_receiving()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("hostile");
        var video = TestPublisher.Generate(90);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(90), TimeSpan.FromMilliseconds(10));
        await using WhepViewer viewer = await h.ConnectAsync("hostile");
        publisher.Start();
        Assert.True(await EdgeHarness.WaitUntilAsync(() => publisher.Published >= 20, TimeSpan.FromSeconds(5)));

        EdgeCounters before = Snapshot(h.Edge.Counters);
        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        IPEndPoint edge = h.Edge.UdpEndPoint;
        var random = new Random(5);
        int unknown = 0;
        for (int i = 0; i < 200; i++)
        {
            byte[] junk = new byte[random.Next(1, 1400)];
            random.NextBytes(junk);
            junk[0] = (byte)random.Next(64, 128); // neither STUN, DTLS nor RTP (RFC 7983)
            attacker.SendTo(junk, edge);
            unknown++;
        }
        attacker.SendTo([], edge); unknown++;                     // empty datagram
        attacker.SendTo([0x80], edge); unknown++;                 // RTP range, too short to classify
        attacker.SendTo(new byte[4000], edge);                    // oversized: zeros look like STUN, truncated or refused
        attacker.SendTo([0x00, 0x01, 0x00, 0x50, 0x21, 0x12], edge); // truncated STUN header
        byte[] check = new byte[256];
        var ice = new IceControllingClient("attk", "nobody", "0123456789012345678901234");
        Assert.True(ice.TryWriteBindingRequest(check, 1234, useCandidate: true, out _, out int checkLength));
        attacker.SendTo(check.AsSpan(0, checkLength), SocketFlags.None, edge); // valid STUN, unknown ufrag
        byte[] dtls = new byte[60];
        random.NextBytes(dtls);
        dtls[0] = 22; dtls[1] = 0xFE; dtls[2] = 0xFD;             // a DTLS handshake record from no session
        attacker.SendTo(dtls, edge);
        byte[] rtp = new byte[200];
        random.NextBytes(rtp);
        rtp[0] = 0x80; rtp[1] = 0x66;                             // RTP to a recvonly edge
        attacker.SendTo(rtp, edge);
        byte[] rtcp = new byte[80];
        random.NextBytes(rtcp);
        rtcp[0] = 0x81; rtcp[1] = 205;                            // (S)RTCP from no session
        attacker.SendTo(rtcp, edge);

        await publisher.Completion;
        List<ReceivedFrame> frames = await viewer.ReadFramesAsync(MediaKind.Video, video.Count, TimeSpan.FromSeconds(10));
        await EdgeHarness.WaitUntilAsync(() => h.Edge.Counters.RtcpNoSession > before.RtcpNoSession, TimeSpan.FromSeconds(2));

        EdgeCounters after = h.Edge.Counters;
        Assert.Equal(unknown, after.UnknownDatagrams - before.UnknownDatagrams);
        Assert.True(after.StunDropped + after.StunErrors - before.StunDropped - before.StunErrors >= 2, "malformed STUN and a check for an unknown ufrag");
        Assert.Equal(1, after.DtlsNoSession - before.DtlsNoSession);
        Assert.Equal(1, after.RtpFromViewers - before.RtpFromViewers);
        Assert.Equal(1, after.RtcpNoSession - before.RtcpNoSession);
        Assert.Equal(1, h.Edge.ViewerCount);

        new FrameCheck(video).AssertContiguous(frames, 0, video.Count - 1);
        Assert.Equal(0, viewer.Counters.PacketsLost);
        Assert.Equal(0, viewer.Counters.FramesDropped);
        Assert.Null(viewer.ReceiveFailure);
    }

    [Fact]
    public async Task Viewer_ignores_datagrams_that_do_not_come_from_the_edge()
    {
        await using EdgeHarness h = await EdgeHarness.StartAsync();
        TestStream stream = h.AddStream("spoof");
        var video = TestPublisher.Generate(30);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(30), TimeSpan.FromMilliseconds(10));
        await using WhepViewer viewer = await h.ConnectAsync("spoof");

        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] fake = new byte[300];
        new Random(3).NextBytes(fake);
        fake[0] = 0x80; fake[1] = 102;
        for (int i = 0; i < 50; i++)
        {
            attacker.SendTo(fake, viewer.LocalEndPoint);
        }
        publisher.Start();
        await publisher.Completion;
        List<ReceivedFrame> frames = await viewer.ReadFramesAsync(MediaKind.Video, 30, TimeSpan.FromSeconds(10));

        new FrameCheck(video).AssertContiguous(frames, 0, 29);
        Assert.Equal(50, viewer.Counters.UnknownDatagrams);
        Assert.Equal(0, viewer.Counters.SrtpAuthFailures);
    }

    private static EdgeCounters Snapshot(EdgeCounters c) => new()
    {
        UnknownDatagrams = Interlocked.Read(ref c.UnknownDatagrams),
        StunDropped = Interlocked.Read(ref c.StunDropped),
        StunErrors = Interlocked.Read(ref c.StunErrors),
        DtlsNoSession = Interlocked.Read(ref c.DtlsNoSession),
        RtpFromViewers = Interlocked.Read(ref c.RtpFromViewers),
        RtcpNoSession = Interlocked.Read(ref c.RtcpNoSession),
    };
}
