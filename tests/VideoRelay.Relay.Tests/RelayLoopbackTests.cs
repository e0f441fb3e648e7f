using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Relay.Client;
using VideoRelay.Relay.Server;
using VideoRelay.Relay.Tests.Support;
using Xunit.Abstractions;

namespace VideoRelay.Relay.Tests;

/// <summary>Origin (fake catalog) → relay server → TCP loopback → relay client → local distributors → a reader.</summary>
public sealed class RelayLoopbackTests : IDisposable
{
    private readonly TieredBufferPool _pool = Relays.Pool();
    private readonly FakeCatalog _catalog = new();
    private readonly FakeStream _stream;
    private readonly ITestOutputHelper _output;

    public RelayLoopbackTests(ITestOutputHelper output)
    {
        _output = output;
        _stream = _catalog.Add(new FakeStream("demo", _pool));
    }

    public void Dispose()
    {
        _catalog.Dispose();
    }

    [Fact]
    public async Task Handshake_authenticates_and_FindAsync_describes_the_stream()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using RelayClient client = Relays.StartClient(server.LocalEndPoint.Port, _pool);

        IStreamHandle? handle = await client.FindAsync("demo");

        Assert.NotNull(handle);
        Assert.True(client.IsConnected);
        Assert.Equal("origin", client.OriginName);
        Assert.Equal(1L, Interlocked.Read(ref server.Counters.Authenticated));
        Assert.Equal(0L, Interlocked.Read(ref server.Counters.AuthFailures));
        Assert.True(handle.IsLive);
        Assert.Equal(["source", "360p"], handle.Renditions.Select(r => r.Name));
        Assert.Equal([0, 1], handle.Renditions.Select(r => r.Id));
        Assert.Equal(_stream.Renditions[0].VideoConfig!.Sps, handle.Renditions[0].VideoConfig!.Sps);
        Assert.Equal(640, handle.Renditions[1].Width);
        Assert.Equal(800, handle.Renditions[1].BitrateKbps);
        Assert.Equal(48000, handle.AudioConfig!.SampleRate);
        Assert.Same(handle, await client.FindAsync("demo"));
        Assert.Null(await client.FindAsync("nope"));
        Assert.Equal(1L, Interlocked.Read(ref server.Counters.SubscribeNotFound));
    }

    [Fact]
    public async Task Frames_arrive_bit_exact_with_their_timing_records_and_relay_stamps()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using RelayClient client = Relays.StartClient(server.LocalEndPoint.Port, _pool);
        IStreamHandle handle = (await client.FindAsync("demo"))!;
        using var reader = new FrameReader("test", 256, 256);
        handle.Subscribe(1, reader, withAudio: true);

        List<MediaFrame> frames = Relays.Collect(reader, 60);
        try
        {
            Assert.Equal(60, frames.Count);
            MediaFrame firstVideo = frames.First(f => f.IsVideo);
            Assert.True(firstVideo.IsKeyframe); // GOP cache or live: a new reader starts at a keyframe
            foreach (MediaFrame f in frames)
            {
                int track = f.IsVideo ? 1 : 255;
                int expectedLength = f.IsVideo ? _stream.PayloadSize / 2 : 120;
                Assert.Equal(expectedLength, f.Length);
                byte[] expected = Enumerable.Range(0, expectedLength).Select(i => FakeStream.PayloadByte(f.Sequence, track, i)).ToArray();
                Assert.Equal(expected, f.Payload.ToArray());
                Assert.Equal(f.Sequence * 3000 + 6000, f.Pts);
                Assert.Equal(f.Sequence * 3000, f.Dts);
                Assert.Equal(3000, f.Duration);
                Assert.Equal(f.IsVideo ? 1 : 0, f.RenditionId);
                Assert.Equal(f.IsVideo && f.Sequence % 10 == 0, f.IsKeyframe);
                Assert.Equal(FakeStream.CaptureBase + f.Sequence, f.Timing.CaptureUnixNs);
                Assert.Equal(FakeStream.CaptureBase + f.Sequence + 1000, f.Timing[Hop.IngestRx]);
                Assert.Equal(FakeStream.CaptureBase + f.Sequence + 2000, f.Timing[Hop.Demuxed]);
                Assert.True(f.Timing.Has(Hop.RelaySend));
                Assert.True(f.Timing.Has(Hop.EdgeRx));
                Assert.InRange(f.Timing.Between(Hop.RelaySend, Hop.EdgeRx), 0, 1_000_000_000);
                Assert.Same(f.IsVideo ? handle.Renditions[1].VideoConfig : handle.AudioConfig, f.Config);
            }
            Assert.True(Interlocked.Read(ref client.Counters.FramesIn) >= 60);
            Assert.True(client.Counters.RelayLag.Count >= 60);
            Core.Timing.LatencySummary lag = client.Counters.RelayLag.Summarize();
            _output.WriteLine($"relay lag RelaySend→EdgeRx over loopback (µs): {Core.Timing.LatencySummary.Header}");
            _output.WriteLine(lag.ToRow());
        }
        finally
        {
            Relays.Release(frames);
        }
    }

    [Fact]
    public async Task A_config_change_at_the_origin_reaches_the_edge_before_the_frames_that_use_it()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using RelayClient client = Relays.StartClient(server.LocalEndPoint.Port, _pool);
        IStreamHandle handle = (await client.FindAsync("demo"))!;
        using var reader = new FrameReader("test", 256, 2);
        handle.Subscribe(0, reader, withAudio: false);
        int changes = 0;
        handle.Changed += () => Interlocked.Increment(ref changes);
        Relays.Release(Relays.Collect(reader, 5));

        CodecConfig next = _stream.ChangeConfig(7);

        Assert.True(Relays.WaitUntil(() => handle.Renditions[0].VideoConfig!.Sps.AsSpan().SequenceEqual(next.Sps)));
        Assert.True(Volatile.Read(ref changes) > 0);
        List<MediaFrame> frames = Relays.Collect(reader, 40);
        try
        {
            Assert.Contains(frames, f => f.Config!.Sps.AsSpan().SequenceEqual(next.Sps));
            MediaFrame last = frames[^1];
            Assert.Same(handle.Renditions[0].VideoConfig, last.Config);
        }
        finally
        {
            Relays.Release(frames);
        }
    }

    [Fact]
    public async Task A_keyframe_request_from_a_viewer_reaches_the_origin()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using RelayClient client = Relays.StartClient(server.LocalEndPoint.Port, _pool);
        IStreamHandle handle = (await client.FindAsync("demo"))!;

        handle.RequestKeyframe(1);

        Assert.True(Relays.WaitUntil(() => _stream.KeyframeRequests == 1));
        Assert.Equal(1L, Interlocked.Read(ref server.Counters.KeyframeRequests));
        Assert.Equal(1L, Interlocked.Read(ref client.Counters.KeyframeRequestsSent));
    }

    [Fact]
    public async Task Stream_end_marks_the_handle_offline_and_a_new_publish_brings_it_back()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using RelayClient client = Relays.StartClient(server.LocalEndPoint.Port, _pool);
        IStreamHandle handle = (await client.FindAsync("demo"))!;
        Assert.True(handle.IsLive);

        _stream.SetLive(false);
        Assert.True(Relays.WaitUntil(() => !handle.IsLive));
        _stream.SetLive(true);
        Assert.True(Relays.WaitUntil(() => handle.IsLive));
    }

    [Fact]
    public async Task Origin_restart_the_client_reconnects_and_frames_resume_within_3s_on_the_same_handle_and_reader()
    {
        RelayServer first = Relays.StartServer(_catalog, _pool);
        int port = first.LocalEndPoint.Port;
        using RelayClient client = Relays.StartClient(port, _pool);
        IStreamHandle handle = (await client.FindAsync("demo"))!;
        using var reader = new FrameReader("viewer", 256, 256);
        handle.Subscribe(0, reader, withAudio: true);
        Relays.Release(Relays.Collect(reader, 20));

        first.Dispose();
        Assert.True(Relays.WaitUntil(() => !client.IsConnected));
        while (reader.TryRead(out MediaFrame stale))
        {
            stale.Release();
        }
        var restarted = System.Diagnostics.Stopwatch.StartNew();
        using RelayServer second = Relays.StartServer(_catalog, _pool, port);

        List<MediaFrame> frames = Relays.Collect(reader, 30, timeoutMs: 3000);
        try
        {
            Assert.Equal(30, frames.Count);
            Assert.True(restarted.Elapsed < TimeSpan.FromSeconds(3), $"resumed after {restarted.Elapsed}");
            MediaFrame firstVideo = frames.First(f => f.IsVideo);
            Assert.True(firstVideo.IsKeyframe);
            Assert.Same(handle, await client.FindAsync("demo"));
            Assert.True(Interlocked.Read(ref client.Counters.Reconnects) >= 1);
            Assert.False(reader.IsClosed);
        }
        finally
        {
            Relays.Release(frames);
        }
    }

    [Fact]
    public async Task Cascade_origin_to_edge_A_to_edge_B_delivers_frames_bit_exact()
    {
        using RelayServer origin = Relays.StartServer(_catalog, _pool);
        using RelayClient edgeA = Relays.StartClient(origin.LocalEndPoint.Port, _pool, name: "edge-a");
        using RelayServer cascade = Relays.StartServer(edgeA, _pool);
        using RelayClient edgeB = Relays.StartClient(cascade.LocalEndPoint.Port, _pool, name: "edge-b");

        IStreamHandle handle = (await edgeB.FindAsync("demo"))!;
        Assert.NotNull(handle);
        Assert.Equal(["source", "360p"], handle.Renditions.Select(r => r.Name));
        using var reader = new FrameReader("viewer-b", 256, 256);
        handle.Subscribe(0, reader, withAudio: true);

        List<MediaFrame> frames = Relays.Collect(reader, 40);
        try
        {
            Assert.Equal(40, frames.Count);
            foreach (MediaFrame f in frames)
            {
                int track = f.IsVideo ? 0 : 255;
                byte[] expected = Enumerable.Range(0, f.Length).Select(i => FakeStream.PayloadByte(f.Sequence, track, i)).ToArray();
                Assert.Equal(expected, f.Payload.ToArray());
                Assert.Equal(FakeStream.CaptureBase + f.Sequence, f.Timing.CaptureUnixNs);
                Assert.True(f.Timing.Has(Hop.EdgeRx));
            }
            handle.RequestKeyframe(0);
            Assert.True(Relays.WaitUntil(() => _stream.KeyframeRequests == 1));
        }
        finally
        {
            Relays.Release(frames);
        }
    }

    [Fact]
    public async Task A_stream_is_unsubscribed_after_its_linger_without_viewers()
    {
        using RelayServer server = Relays.StartServer(_catalog, _pool);
        using var client = new RelayClient(new RelayClientOptions
        {
            Origin = $"127.0.0.1:{server.LocalEndPoint.Port}",
            Secret = Relays.Secret,
            LingerSeconds = 0.3,
            HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        }, _pool);
        client.Start();
        IStreamHandle handle = (await client.FindAsync("demo"))!;
        var reader = new FrameReader("viewer", 64, 64);
        handle.Subscribe(0, reader, withAudio: false);
        Relays.Release(Relays.Collect(reader, 5));
        Thread.Sleep(600);
        Assert.Equal(1, client.StreamCount); // a viewer holds it

        reader.Dispose(); // the viewer leaves; the distributor drops the closed reader at its next frame

        Assert.True(Relays.WaitUntil(() => client.StreamCount == 0, 3000));
        Assert.Equal(1L, Interlocked.Read(ref client.Counters.Unsubscribes));
        Assert.NotSame(handle, await client.FindAsync("demo"));
    }
}
