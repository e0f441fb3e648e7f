using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Core.Streams;

namespace VideoRelay.Ingest.MpegTs.Tests;

public class SteadyStateTests
{
    [Fact]
    public void Demuxing_allocates_nothing_per_packet_or_frame_in_steady_state()
    {
        byte[] ts = TestStreams.Build(30, 10).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        var session = new CountingSession();
        using var demuxer = new TsDemuxer(session, pool);
        for (int i = 0; i < 3; i++)
        {
            Feed(demuxer, ts); // warm up: configs, JIT, first keyframe
        }
        long before = GC.GetAllocatedBytesForCurrentThread();
        long frames = session.Frames;
        const int Passes = 20;
        for (int i = 0; i < Passes; i++)
        {
            Feed(demuxer, ts);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Passes * (30 + 20), session.Frames - frames);
    }

    private static void Feed(TsDemuxer demuxer, byte[] ts)
    {
        for (int i = 0; i < ts.Length; i += 1316)
        {
            demuxer.Feed(ts.AsSpan(i, Math.Min(1316, ts.Length - i)), 1);
        }
    }

    private sealed class CountingSession : IPublishSession
    {
        public long Frames { get; private set; }

        public int StreamId => 1;

        public void OnConfig(CodecConfig config)
        {
        }

        public void OnFrame(in MediaFrame frame)
        {
            Frames++;
            frame.Release();
        }

        public void OnMetadata(IReadOnlyDictionary<string, object?> metadata)
        {
        }

        public void Dispose()
        {
        }
    }
}
