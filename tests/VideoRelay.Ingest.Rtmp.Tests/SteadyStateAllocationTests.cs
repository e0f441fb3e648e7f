using System.Diagnostics;
using System.Net;
using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;
using VideoRelay.Ingest.Rtmp.Chunking;
using VideoRelay.Ingest.Rtmp.Tests.Support;
using Xunit.Abstractions;

namespace VideoRelay.Ingest.Rtmp.Tests;

[CollectionDefinition(nameof(SteadyStateAllocationTests), DisableParallelization = true)]
public sealed class SteadyStateAllocationCollection;

/// <summary>Guards "no allocation per frame": measured process-wide, so it runs alone.</summary>
[Collection(nameof(SteadyStateAllocationTests))]
public sealed class SteadyStateAllocationTests(ITestOutputHelper output)
{
    private const int FramesPerBatch = 1000;

    [Fact]
    public async Task Steady_state_video_ingest_allocates_nothing_per_frame()
    {
        var sink = new CountingSink();
        using var pool = TieredBufferPool.CreateMediaDefault("alloc");
        await using var server = new RtmpServer(sink, pool, new RtmpServerOptions { EndPoint = new IPEndPoint(IPAddress.Loopback, 0) });
        await server.StartAsync();
        await using FakeRtmpClient client = await FakeRtmpClient.ConnectAsync(server.LocalEndPoint.Port);
        await client.HandshakeAsync();
        await client.PublishAsync("alloc");
        await client.SetChunkSizeAsync(4096);
        await client.SendMessageAsync(RtmpMessageType.Video, FlvTags.AvcSequenceHeader(Vectors.Sps720, Vectors.Pps720), 0, 1, 6);
        byte[] batch = BuildBatch();

        await client.SendAsync(batch); // warm-up: JIT, pools, socket state
        await TestServer.WaitForAsync(() => sink.Frames == FramesPerBatch, 20_000);
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        await client.SendAsync(batch);
        await TestServer.WaitForAsync(() => sink.Frames == 2 * FramesPerBatch, 20_000);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        double perFrame = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)FramesPerBatch;

        output.WriteLine($"{perFrame:F1} B allocated per frame (test polling included); {batch.Length / seconds / 1e6:F0} MB/s, {FramesPerBatch / seconds:F0} frames/s");
        Assert.InRange(perFrame, 0, 64);
    }

    private static byte[] BuildBatch()
    {
        var nal = new byte[20_000];
        nal[0] = 0x41;
        byte[] tag = FlvTags.AvcFrame(false, 0, 4, nal);
        var batch = new List<byte>();
        for (int i = 1; i <= FramesPerBatch; i++)
        {
            var chunked = new byte[ChunkWriter.GetSerializedSize(6, (uint)i * 33, tag.Length, 4096)];
            Assert.True(ChunkWriter.TryWrite(chunked, 6, RtmpMessageType.Video, (uint)i * 33, 1, tag, 4096, out _));
            batch.AddRange(chunked);
        }
        return [.. batch];
    }

    private sealed class CountingSink : IPublishAuthority, IPublishSession
    {
        private long _frames;

        public long Frames => Interlocked.Read(ref _frames);
        public int StreamId => 1;

        public PublishResult TryStartPublish(PublishRequest request, out IPublishSession? session)
        {
            session = this;
            return PublishResult.Accepted;
        }

        public void OnConfig(CodecConfig config)
        {
        }

        public void OnFrame(in MediaFrame frame)
        {
            frame.Release();
            Interlocked.Increment(ref _frames);
        }

        public void OnMetadata(IReadOnlyDictionary<string, object?> metadata)
        {
        }

        public void Dispose()
        {
        }
    }
}
