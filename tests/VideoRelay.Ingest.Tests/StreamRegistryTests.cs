using System.Net;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.Tests;

public sealed class StreamRegistryTests : IDisposable
{
    private readonly PinnedBufferPool _pool = new(256, 256, "registry-test", diagnostic: true);
    private static readonly EndPoint Remote = new IPEndPoint(IPAddress.Loopback, 5555);

    private static PublishRequest Request(string name, string? key = null) => new(name, key, "rtmp", Remote);

    [Fact]
    public void With_no_keys_configured_any_stream_may_publish()
    {
        using var registry = new StreamRegistry(new IngestOptions());
        Assert.Equal(PublishResult.Accepted, registry.TryStartPublish(Request("anything"), out IPublishSession? session));
        session!.Dispose();
    }

    [Fact]
    public void Configured_keys_are_checked_and_unknown_streams_refused()
    {
        var options = new IngestOptions();
        options.Streams["cam"] = new StreamKeyOptions { Key = "s3cret" };
        using var registry = new StreamRegistry(options);
        Assert.Equal(PublishResult.BadKey, registry.TryStartPublish(Request("cam", "wrong"), out _));
        Assert.Equal(PublishResult.BadKey, registry.TryStartPublish(Request("cam"), out _));
        Assert.Equal(PublishResult.Refused, registry.TryStartPublish(Request("other", "s3cret"), out _));
        Assert.Equal(PublishResult.Accepted, registry.TryStartPublish(Request("cam", "s3cret"), out IPublishSession? ok));
        Assert.Equal(2, registry.RefusedBadKey);
        ok!.Dispose();
    }

    [Fact]
    public void Invalid_stream_names_are_refused()
    {
        using var registry = new StreamRegistry(new IngestOptions());
        Assert.Equal(PublishResult.Refused, registry.TryStartPublish(Request("../etc"), out _));
        Assert.Equal(PublishResult.Refused, registry.TryStartPublish(Request(new string('a', 65)), out _));
        Assert.Equal(PublishResult.Refused, registry.TryStartPublish(Request(""), out _));
    }

    [Fact]
    public void A_second_publisher_is_refused_unless_take_over_is_allowed()
    {
        using var registry = new StreamRegistry(new IngestOptions());
        Assert.Equal(PublishResult.Accepted, registry.TryStartPublish(Request("s"), out IPublishSession? first));
        Assert.Equal(PublishResult.AlreadyPublishing, registry.TryStartPublish(Request("s"), out _));
        first!.Dispose();

        using var takeover = new StreamRegistry(new IngestOptions { AllowTakeover = true });
        Assert.Equal(PublishResult.Accepted, takeover.TryStartPublish(Request("s"), out IPublishSession? a));
        Assert.Equal(PublishResult.Accepted, takeover.TryStartPublish(Request("s"), out IPublishSession? b));
        // the first publisher's frames are now ignored
        var reader = Subscribe(takeover, "s");
        PublishConfig(b!);
        PublishVideo(a!, dts: 0, key: true);
        PublishVideo(b!, dts: 0, key: true);
        PublishVideo(b!, dts: 3000, key: false);
        Assert.Equal(2, Drain(reader).Count);
        reader.Dispose();
        a!.Dispose();
        b!.Dispose();
    }

    [Fact]
    public void A_reconnecting_publisher_resumes_into_the_same_stream_and_its_timeline_continues()
    {
        using var registry = new StreamRegistry(new IngestOptions { LingerSeconds = 30 });
        Assert.Equal(PublishResult.Accepted, registry.TryStartPublish(Request("s"), out IPublishSession? first));
        registry.TryGet("s", out LiveStream? stream);
        var reader = new FrameReader("viewer");
        stream!.Subscribe(0, reader, withAudio: false);
        PublishConfig(first!);
        PublishVideo(first!, dts: 0, key: true);
        PublishVideo(first!, dts: 3000, key: false);
        first!.Dispose();
        Assert.False(stream.IsLive);

        Assert.Equal(PublishResult.Accepted, registry.TryStartPublish(Request("s"), out IPublishSession? second));
        registry.TryGet("s", out LiveStream? again);
        Assert.Same(stream, again);
        PublishVideo(second!, dts: 0, key: true); // encoders restart their clocks
        PublishVideo(second!, dts: 3000, key: false);

        List<long> pts = Drain(reader).Select(f => f.Pts).ToList();
        Assert.Equal([0, 3000, 6000, 9000], pts);
        reader.Dispose();
        second!.Dispose();
    }

    [Fact]
    public async Task A_stream_without_publisher_is_removed_after_its_linger_period()
    {
        using var registry = new StreamRegistry(new IngestOptions { LingerSeconds = 0.2 });
        Assert.Equal(PublishResult.Accepted, registry.TryStartPublish(Request("s"), out IPublishSession? session));
        session!.Dispose();
        Assert.True(registry.TryGet("s", out _));
        bool removed = false;
        for (int i = 0; i < 50 && !removed; i++)
        {
            await Task.Delay(100);
            removed = !registry.TryGet("s", out _);
        }
        Assert.True(removed);
    }

    [Fact]
    public void A_source_with_b_frames_is_not_offered_for_passthrough()
    {
        using var registry = new StreamRegistry(new IngestOptions());
        registry.TryStartPublish(Request("s"), out IPublishSession? session);
        registry.TryGet("s", out LiveStream? stream);
        PublishConfig(session!);
        Assert.Contains(stream!.Renditions, r => r.Name == "source");
        PublishVideo(session!, dts: 0, key: true, ptsDelta: 6000);
        Assert.True(stream.SourceHasBFrames);
        Assert.DoesNotContain(stream.Renditions, r => r.Name == "source");
        session!.Dispose();
    }

    [Fact]
    public void Listing_shows_codec_size_protocol_and_publisher()
    {
        using var registry = new StreamRegistry(new IngestOptions());
        registry.TryStartPublish(Request("s"), out IPublishSession? session);
        PublishConfig(session!);
        StreamInfo info = Assert.Single(registry.List());
        Assert.Equal(("s", true, "rtmp", "127.0.0.1:5555", "H264", 640, 360), (info.Name, info.Live, info.Protocol, info.Publisher, info.VideoCodec, info.Width, info.Height));
        session!.Dispose();
    }

    private FrameReader Subscribe(StreamRegistry registry, string name)
    {
        registry.TryGet(name, out LiveStream? stream);
        var reader = new FrameReader("r");
        stream!.Subscribe(0, reader, withAudio: false);
        return reader;
    }

    private static void PublishConfig(IPublishSession session) =>
        session.OnConfig(new CodecConfig { Codec = CodecId.H264, Sps = BaselineSps, Pps = [0x68, 0xcb, 0x83, 0xcb, 0x20], Width = 640, Height = 360 });

    // x264 constrained baseline 640x360 (ffmpeg -profile:v baseline -tune zerolatency): no reordering by profile.
    private static readonly byte[] BaselineSps =
    [
        0x67, 0x42, 0xc0, 0x1e, 0xd9, 0x00, 0xa0, 0x2f, 0xf9, 0x70, 0x11, 0x00, 0x00, 0x03, 0x00, 0x01,
        0x00, 0x00, 0x03, 0x00, 0x3c, 0x8f, 0x16, 0x2e, 0x48,
    ];

    private void PublishVideo(IPublishSession session, long dts, bool key, long ptsDelta = 0)
    {
        Assert.True(_pool.TryRent(out BufferLease lease));
        lease.SetLength(8);
        session.OnFrame(new MediaFrame
        {
            Codec = CodecId.H264,
            Flags = key ? FrameFlags.Keyframe : FrameFlags.None,
            Dts = dts,
            Pts = dts + ptsDelta,
            Lease = lease,
            Length = 8,
        });
    }

    private static List<MediaFrame> Drain(FrameReader reader)
    {
        var frames = new List<MediaFrame>();
        while (reader.TryRead(out MediaFrame f))
        {
            frames.Add(f);
            f.Release();
        }
        return frames;
    }

    public void Dispose() => _pool.Dispose();
}
