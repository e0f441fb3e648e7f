using System.Buffers.Binary;
using VideoRelay.Core.Media;
using VideoRelay.Ingest.Rtmp.Amf;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Handshake;
using VideoRelay.Ingest.Rtmp.Tests.Support;

namespace VideoRelay.Ingest.Rtmp.Tests;

/// <summary>The server driven by a scripted client over loopback.</summary>
public sealed class RtmpServerTests
{
    private static readonly byte[] Idr = [0x65, 0x88, 0x84, 0x00, 0x33];
    private static readonly byte[] NonIdr = [0x41, 0x9A, 0x02];

    [Fact]
    public async Task Connect_gets_the_control_messages_and_result_encoders_expect()
    {
        await using TestServer t = await TestServer.StartAsync();
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port);
        await client.HandshakeAsync();
        await client.SendCommandAsync("connect", 1, new Dictionary<string, object?> { ["app"] = "live" });

        var was = await client.ReadMessageAsync();
        Assert.Equal(RtmpMessageType.WindowAckSize, was!.Value.Type);
        Assert.Equal(2_500_000u, BinaryPrimitives.ReadUInt32BigEndian(was.Value.Payload));
        var peerBandwidth = await client.ReadMessageAsync();
        Assert.Equal(RtmpMessageType.SetPeerBandwidth, peerBandwidth!.Value.Type);
        Assert.Equal(2, peerBandwidth.Value.Payload[4]);
        var chunkSize = await client.ReadMessageAsync();
        Assert.Equal(RtmpMessageType.SetChunkSize, chunkSize!.Value.Type);
        Assert.Equal(4096u, BinaryPrimitives.ReadUInt32BigEndian(chunkSize.Value.Payload));

        object?[] result = await client.ReadCommandAsync();
        Assert.Equal("_result", result[0]);
        Assert.Equal(1.0, result[1]);
        var info = Assert.IsType<Dictionary<string, object?>>(result[3]);
        Assert.Equal("NetConnection.Connect.Success", info["code"]);
        Assert.Equal("status", info["level"]);

        await client.SendCommandAsync("FCPublish", 2, null, "s1");
        object?[] fcPublish;
        do
        {
            fcPublish = await client.ReadCommandAsync();
        }
        while (fcPublish[0] is "_result");
        Assert.Equal("onFCPublish", fcPublish[0]);
    }

    [Fact]
    public async Task Publish_delivers_configs_frames_metadata_and_ends_on_deleteStream()
    {
        await using TestServer t = await TestServer.StartAsync();
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port);
        await client.HandshakeAsync(digest: true);
        Dictionary<string, object?> status = await client.PublishAsync("cam?key=k&x=1");
        Assert.Equal("NetStream.Publish.Start", status["code"]);
        Assert.Equal(1, t.Counters.DigestHandshakes);

        await client.SetChunkSizeAsync(4096);
        var metadata = new Amf0EcmaArray { ["width"] = 1280.0, ["height"] = 720.0, ["framerate"] = 25.0 };
        await client.SendMessageAsync(RtmpMessageType.DataAmf0, FakeRtmpClient.Amf("@setDataFrame", "onMetaData", metadata), streamId: 1, chunkStreamId: 4);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720), 0, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.Audio, FlvTags.AacSequenceHeader(0x11, 0x90), 0, 1, 4);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcFrame(true, 0, 4, [0x09, 0xF0], Idr), 0, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.Audio, FlvTags.AacFrame(0x21, 0x10, 0x04), 21, 1, 4);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcFrame(false, 0, 4, NonIdr), 40, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.UserControl, [0, 6, 0, 0, 0x30, 0x39], chunkStreamId: 2);

        var ping = await client.ReadMessageAsync();
        while (ping!.Value.Type != RtmpMessageType.UserControl || ping.Value.Payload[1] != 7)
        {
            ping = await client.ReadMessageAsync();
        }
        Assert.Equal([0, 7, 0, 0, 0x30, 0x39], ping.Value.Payload);

        RecordingSession session = Assert.Single(t.Authority.Sessions);
        Assert.Equal("cam", session.StreamName);
        Assert.Equal("k", t.Authority.Requests[0].Key);
        await TestServer.WaitForAsync(() => session.Frames.Count == 3, what: "3 frames");

        CodecConfig video = session.Configs[0];
        Assert.Equal(CodecId.H264, video.Codec);
        Assert.Equal((1280, 720, 25_000), (video.Width, video.Height, video.FrameRateMilli));
        Assert.Equal(0x42c01f, video.ProfileLevelId);
        CodecConfig audio = session.Configs[1];
        Assert.Equal((CodecId.Aac, 48000, 2), (audio.Codec, audio.SampleRate, audio.Channels));
        Assert.Equal([0x11, 0x90], audio.AudioSpecificConfig);
        Assert.Equal(1280.0, session.Metadata!["width"]);

        RecordedFrame key = session.Frames[0];
        Assert.Equal(CodecId.H264, key.Codec);
        Assert.Equal(FrameFlags.Keyframe | FrameFlags.ConfigChanged, key.Flags);
        Assert.Equal(FlvTags.AvcFrame(true, 0, 4, [0x09, 0xF0], Idr)[5..], key.Payload); // zero-copy slice
        RecordedFrame aac = session.Frames[1];
        Assert.Equal((CodecId.Aac, 21 * 90L, 21 * 90L), (aac.Codec, aac.Pts, aac.Dts));
        Assert.Equal([0x21, 0x10, 0x04], aac.Payload);
        RecordedFrame delta = session.Frames[2];
        Assert.Equal((FrameFlags.None, 40 * 90L, 1L), (delta.Flags, delta.Dts, delta.Sequence));

        await client.SendCommandAsync("FCUnpublish", 6, null, "cam");
        await client.SendCommandAsync("deleteStream", 7, null, 1.0);
        await TestServer.WaitForAsync(() => session.IsDisposed, what: "session disposed");
    }

    [Fact]
    public async Task Two_byte_nal_lengths_are_widened_to_four()
    {
        await using TestServer t = await TestServer.StartAsync();
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port);
        await client.HandshakeAsync();
        await client.PublishAsync("w?key=k");
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcSequenceHeader(Vectors.Sps1080, Vectors.Pps720, nalLengthSize: 2), 0, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcFrame(false, 0, 2, NonIdr, Idr), 33, 1, 6);
        RecordingSession session = Assert.Single(t.Authority.Sessions);
        await TestServer.WaitForAsync(() => session.Frames.Count == 1, what: "frame");
        RecordedFrame frame = session.Frames[0];
        Assert.Equal(FlvTags.AvcFrame(false, 0, 4, NonIdr, Idr)[5..], frame.Payload);
        Assert.True(frame.Flags.HasFlag(FrameFlags.Keyframe)); // IDR NAL present although the FLV frame type says inter
        Assert.Equal((1920, 1080), (session.Configs[0].Width, session.Configs[0].Height));
    }

    [Fact]
    public async Task Wrong_key_gets_BadName_then_close_and_the_stream_stays_free()
    {
        await using TestServer t = await TestServer.StartAsync();
        await using (FakeRtmpClient bad = await FakeRtmpClient.ConnectAsync(t.Port))
        {
            await bad.HandshakeAsync();
            Dictionary<string, object?> status = await bad.PublishAsync("s?key=nope");
            Assert.Equal("NetStream.Publish.BadName", status["code"]);
            Assert.Equal("error", status["level"]);
            Assert.True(await bad.WaitForCloseAsync());
        }
        await TestServer.WaitForAsync(() => t.Counters.Closed(RtmpCloseReason.RefusedKey) == 1, what: "refused-key counter");
        await AssertServesAGoodClientAsync(t, "s");
    }

    [Fact]
    public async Task Second_publisher_on_a_live_stream_gets_BadName()
    {
        await using TestServer t = await TestServer.StartAsync();
        await using FakeRtmpClient first = await FakeRtmpClient.ConnectAsync(t.Port);
        await first.HandshakeAsync();
        Assert.Equal("NetStream.Publish.Start", (await first.PublishAsync("dup?key=k"))["code"]);
        await using FakeRtmpClient second = await FakeRtmpClient.ConnectAsync(t.Port);
        await second.HandshakeAsync();
        Assert.Equal("NetStream.Publish.BadName", (await second.PublishAsync("dup?key=k"))["code"]);
        Assert.True(await second.WaitForCloseAsync());
        await TestServer.WaitForAsync(() => t.Counters.Closed(RtmpCloseReason.AlreadyPublishing) == 1, what: "counter");
    }

    [Fact]
    public async Task B_frames_are_refused_with_the_explanation()
    {
        await using TestServer t = await TestServer.StartAsync();
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port);
        await client.HandshakeAsync();
        await client.PublishAsync("b?key=k");
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720), 0, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcFrame(true, 66, 4, Idr), 0, 1, 6);
        object?[] status = await client.ReadCommandAsync();
        var info = Assert.IsType<Dictionary<string, object?>>(status[3]);
        Assert.Equal("NetStream.Publish.Rejected", info["code"]);
        Assert.Equal("B-frames are not supported for WebRTC passthrough: set bframes=0 (x264 tune=zerolatency)", info["description"]);
        Assert.True(await client.WaitForCloseAsync());
        await TestServer.WaitForAsync(() => t.Counters.Closed(RtmpCloseReason.BFrames) == 1, what: "counter");
        Assert.True(Assert.Single(t.Authority.Sessions).IsDisposed);
    }

    [Fact]
    public async Task B_frames_pass_when_allowed()
    {
        await using TestServer t = await TestServer.StartAsync(o => o.RefuseBFrames = false);
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port);
        await client.HandshakeAsync();
        await client.PublishAsync("b?key=k");
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720), 0, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcFrame(true, 66, 4, Idr), 100, 1, 6);
        RecordingSession session = Assert.Single(t.Authority.Sessions);
        await TestServer.WaitForAsync(() => session.Frames.Count == 1, what: "frame");
        Assert.Equal((166 * 90L, 100 * 90L), (session.Frames[0].Pts, session.Frames[0].Dts));
    }

    [Fact]
    public async Task Max_connections_refuses_the_extra_client()
    {
        await using TestServer t = await TestServer.StartAsync(o => o.MaxConnections = 1);
        await using FakeRtmpClient first = await FakeRtmpClient.ConnectAsync(t.Port);
        await first.HandshakeAsync();
        await using FakeRtmpClient second = await FakeRtmpClient.ConnectAsync(t.Port);
        Assert.True(await second.WaitForCloseAsync());
        Assert.Equal(1, t.Counters.Closed(RtmpCloseReason.ServerFull));
        Assert.Equal(1, t.Counters.ConnectionsActive);
    }

    /// <summary>Publishes a short stream on a fresh connection and checks it arrives: the server still serves.</summary>
    internal static async Task AssertServesAGoodClientAsync(TestServer t, string stream)
    {
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(t.Port);
        await client.HandshakeAsync(digest: true);
        Assert.Equal("NetStream.Publish.Start", (await client.PublishAsync($"{stream}?key=k"))["code"]);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720), 0, 1, 6);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcFrame(true, 0, 4, Idr), 0, 1, 6);
        RecordingSession session = t.Authority.Sessions[^1];
        Assert.Equal(stream, session.StreamName);
        await TestServer.WaitForAsync(() => session.Frames.Count == 1, what: "frame from the good client");
    }
}
