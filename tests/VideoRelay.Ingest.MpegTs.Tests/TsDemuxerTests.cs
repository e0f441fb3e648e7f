using VideoRelay.Core.Buffers;
using VideoRelay.Core.Media;
using VideoRelay.Ingest.MpegTs.Psi;

namespace VideoRelay.Ingest.MpegTs.Tests;

public class TsDemuxerTests
{
    private const int Frames = 12;
    private const int Gop = 5;

    private static (RecordingSession Session, TsDemuxer Demuxer) Run(byte[] ts, int chunk = 1316, TsDemuxerOptions? options = null, TieredBufferPool? pool = null, bool flush = true)
    {
        var session = new RecordingSession();
        var demuxer = new TsDemuxer(session, pool!, options);
        for (int i = 0; i < ts.Length; i += chunk)
        {
            demuxer.Feed(ts.AsSpan(i, Math.Min(chunk, ts.Length - i)), receivedUnixNs: 1000 + i);
        }
        if (flush)
        {
            demuxer.Flush();
        }
        demuxer.Dispose();
        return (session, demuxer);
    }

    private static void AssertCompleteStream(RecordingSession session, TsDemuxer demuxer)
    {
        RecordingSession.Frame[] video = session.Video.ToArray();
        Assert.Equal(Frames, video.Length);
        for (int i = 0; i < Frames; i++)
        {
            Assert.Equal(TestStreams.Avcc(TestStreams.VideoNals(i, Gop)), video[i].Payload);
            Assert.Equal(90_000 + i * 3000L, video[i].Pts);
            Assert.Equal(video[i].Pts, video[i].Dts);
            Assert.Equal(i % Gop == 0, video[i].IsKeyframe);
            Assert.Equal(i, video[i].Sequence);
            Assert.Equal(3000, video[i].Duration);
            Assert.Equal(640, video[i].Config!.Width);
            Assert.Equal(360, video[i].Config!.Height);
        }
        RecordingSession.Frame[] audio = session.Audio.ToArray();
        Assert.Equal(Frames / 3 * 2, audio.Length);
        for (int k = 0; k < audio.Length; k++)
        {
            Assert.Equal(TestStreams.AudioFrame(k / 2 * 3 + 2, k % 2), audio[k].Payload);
            Assert.Equal(90_000 + k * 1920L, audio[k].Pts);
            Assert.Equal(1920, audio[k].Duration);
            Assert.Equal(48_000, audio[k].Config!.SampleRate);
            Assert.Equal(2, audio[k].Config!.Channels);
            Assert.Equal([0x11, 0x90], audio[k].Config!.AudioSpecificConfig);
        }
        Assert.Equal(2, session.Configs.Count); // one video, one audio: repeated SPS/PPS are not republished
        Assert.Equal(0, demuxer.Counters.ContinuityErrors);
        Assert.Equal(0, demuxer.Counters.PesErrors);
        Assert.False(demuxer.HasBFrames);
    }

    [Fact]
    public void Demuxes_a_hand_built_stream_in_srt_sized_chunks()
    {
        byte[] ts = TestStreams.Build(Frames, Gop).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(ts, pool: pool);
        AssertCompleteStream(session, demuxer);
        Assert.Equal(ts.Length / 188, demuxer.Counters.Packets);
        Assert.Equal(Frames / Gop + 1, demuxer.Counters.Keyframes);
        Assert.Equal(TsTestMuxer.VideoPid, demuxer.VideoPid);
        Assert.Equal(TsTestMuxer.AudioPid, demuxer.AudioPid);
        Assert.True(session.Video.First().Flags.HasFlag(FrameFlags.ConfigChanged));
        Assert.Equal(0x42C01E, ProfileLevel(session));
    }

    private static int ProfileLevel(RecordingSession session) => session.Configs.First(c => c.Codec == CodecId.H264).ProfileLevelId;

    [Fact]
    public void Every_split_of_the_stream_into_two_feeds_gives_the_same_frames()
    {
        byte[] ts = TestStreams.Build(4, 2).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession reference, _) = Run(ts, chunk: ts.Length, pool: pool);
        for (int split = 1; split < ts.Length; split += 1)
        {
            var session = new RecordingSession();
            using (var demuxer = new TsDemuxer(session, pool))
            {
                demuxer.Feed(ts.AsSpan(0, split), 1);
                demuxer.Feed(ts.AsSpan(split), 2);
                demuxer.Flush();
            }
            Assert.Equal(reference.Frames.Count, session.Frames.Count);
            for (int i = 0; i < session.Frames.Count; i++)
            {
                Assert.Equal(reference.Frames[i].Payload, session.Frames[i].Payload);
                Assert.Equal(reference.Frames[i].Pts, session.Frames[i].Pts);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(187)]
    [InlineData(189)]
    [InlineData(1316)]
    public void Odd_chunk_sizes(int chunk)
    {
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(TestStreams.Build(Frames, Gop).ToArray(), chunk, pool: pool);
        AssertCompleteStream(session, demuxer);
    }

    [Fact]
    public void Video_frame_completes_on_stuffing_without_waiting_for_the_next_pes()
    {
        byte[] ts = TestStreams.Build(1, 1).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession early, _) = Run(ts, pool: pool, flush: false);
        Assert.Single(early.Video);
        (RecordingSession late, _) = Run(ts, pool: pool, flush: false, options: new TsDemuxerOptions { CompleteVideoOnStuffing = false });
        Assert.Empty(late.Video);
    }

    [Fact]
    public void Frames_are_stamped_with_the_chunk_that_completed_them()
    {
        byte[] ts = TestStreams.Build(1, 1).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        var session = new RecordingSession();
        using (var demuxer = new TsDemuxer(session, pool))
        {
            demuxer.Feed(ts.AsSpan(0, 400), 111);
            demuxer.Feed(ts.AsSpan(400), 222, sourceUnixNs: 200);
        }
        TimingRecord timing = session.Video.Single().Timing;
        Assert.Equal(222, timing[Hop.IngestRx]);
        Assert.Equal(200, timing.CaptureUnixNs);
        Assert.True(timing.Has(Hop.Demuxed));
    }

    [Fact]
    public void Lost_packet_is_counted_and_video_resumes_at_the_next_keyframe()
    {
        TsTestMuxer mux = TestStreams.Build(Frames, Gop);
        // Drop the 2nd packet of frame 2's PES (a P frame ≥ 2 packets).
        int victim = IndexOfPesStart(mux, TsTestMuxer.VideoPid, 2) + 1;
        byte[] ts = mux.Packets.Where((_, i) => i != victim).SelectMany(p => p).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(ts, pool: pool);
        Assert.Equal(1, demuxer.Counters.ContinuityErrors);
        long[] ptsSeen = session.Video.Select(f => (f.Pts - 90_000) / 3000).ToArray();
        Assert.Equal([0, 1, 5, 6, 7, 8, 9, 10, 11], ptsSeen);
        Assert.Equal(2, demuxer.Counters.VideoFramesDroppedUntilKeyframe); // 3 and 4; 2 was lost with the gap
        RecordingSession.Frame resumed = session.Video.ElementAt(2);
        Assert.True(resumed.IsKeyframe);
        Assert.True(resumed.Flags.HasFlag(FrameFlags.Discontinuity));
        Assert.Equal(Frames / 3 * 2, session.Audio.Count());
    }

    [Fact]
    public void Lost_audio_packet_marks_the_next_audio_frame()
    {
        TsTestMuxer mux = TestStreams.Build(Frames, Gop);
        int victim = IndexOfPesStart(mux, TsTestMuxer.AudioPid, 1);
        byte[] ts = mux.Packets.Where((_, i) => i != victim).SelectMany(p => p).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(ts, pool: pool);
        Assert.Equal(1, demuxer.Counters.ContinuityErrors);
        Assert.Equal(Frames / 3 * 2 - 2, session.Audio.Count());
        Assert.True(session.Audio.ElementAt(2).Flags.HasFlag(FrameFlags.Discontinuity));
        Assert.Equal(Frames, session.Video.Count());
    }

    [Fact]
    public void Duplicate_packets_and_adaptation_only_packets_are_ignored()
    {
        TsTestMuxer mux = TestStreams.Build(Frames, Gop);
        var packets = new List<byte[]>();
        foreach (byte[] p in mux.Packets)
        {
            packets.Add(p);
            if (packets.Count % 9 == 0)
            {
                packets.Add(p); // duplicate
            }
        }
        byte[] ts = packets.SelectMany(p => p).ToArray();
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(ts, pool: pool);
        AssertCompleteStream(session, demuxer);
        Assert.True(demuxer.Counters.DuplicatePackets > 0);
    }

    [Fact]
    public void Resyncs_after_garbage_and_ignores_other_pids()
    {
        TsTestMuxer mux = TestStreams.Build(Frames, Gop);
        var rnd = new Random(5);
        var bytes = new List<byte>();
        byte[] junk = new byte[300];
        rnd.NextBytes(junk);
        junk = junk.Select(b => b == 0x47 ? (byte)0 : b).ToArray();
        bytes.AddRange(junk);
        foreach (byte[] p in mux.Packets)
        {
            bytes.AddRange(p);
            byte[] other = (byte[])p.Clone();
            other[1] = 0x1F; // PID 0x1Fxx: not in the PMT
            bytes.AddRange(other);
        }
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(bytes.ToArray(), pool: pool);
        AssertCompleteStream(session, demuxer);
        Assert.Equal(300, demuxer.Counters.BytesSkipped);
        Assert.Equal(mux.Packets.Count, demuxer.Counters.IgnoredPackets);
    }

    [Fact]
    public void Other_stream_types_are_ignored_and_counted()
    {
        var mux = new TsTestMuxer();
        mux.WritePat();
        mux.WritePmt((ProgramMapTable.StreamTypeH264, TsTestMuxer.VideoPid), (0x24, 0x200), (0x03, 0x201));
        mux.WriteVideo(0, 0, TestStreams.AnnexB(TestStreams.VideoNals(0, 1)), keyframe: true);
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(mux.ToArray(), pool: pool);
        Assert.Equal(2, demuxer.Counters.IgnoredStreams);
        Assert.Equal(-1, demuxer.AudioPid);
        Assert.Single(session.Video);
    }

    [Fact]
    public void Oversize_pes_is_dropped_and_counted()
    {
        var mux = new TsTestMuxer();
        mux.WriteStandardTables();
        mux.WriteVideo(0, 0, TestStreams.AnnexB(TestStreams.Sps640x360, TestStreams.Pps, TestStreams.Slice(true, 5000, 1)), keyframe: true);
        mux.WriteVideo(3000, 3000, TestStreams.AnnexB(TestStreams.Sps640x360, TestStreams.Pps, TestStreams.Slice(true, 500, 2)), keyframe: true);
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(mux.ToArray(), pool: pool, options: new TsDemuxerOptions { MaxPesSize = 2000 });
        Assert.Equal(1, demuxer.Counters.PesOversize);
        Assert.Equal(3000, session.Video.Single().Pts);
    }

    [Fact]
    public void Pts_wrap_is_extended_and_b_frames_are_detected()
    {
        var mux = new TsTestMuxer();
        mux.WriteStandardTables();
        long start = (1L << 33) - 6000;
        for (int i = 0; i < 5; i++)
        {
            long dts = start + i * 3000L;
            long pts = dts + (i == 0 ? 0 : 6000); // reordered stream: PTS ahead of DTS
            mux.WriteVideo(pts & ((1L << 33) - 1), dts & ((1L << 33) - 1), TestStreams.AnnexB(TestStreams.VideoNals(i, 10)), keyframe: i == 0);
        }
        using TieredBufferPool pool = Pools.Diagnostic();
        (RecordingSession session, TsDemuxer demuxer) = Run(mux.ToArray(), pool: pool);
        Assert.Equal([start, start + 3000, start + 6000, start + 9000, start + 12000], session.Video.Select(f => f.Dts));
        Assert.Equal(start + 9000, session.Video.ElementAt(1).Pts);
        Assert.True(demuxer.HasBFrames);
    }

    [Fact]
    public void Garbage_and_truncated_input_never_throw_nor_leak()
    {
        byte[] ts = TestStreams.Build(Frames, Gop).ToArray();
        var rnd = new Random(42);
        using TieredBufferPool pool = Pools.Diagnostic();
        for (int round = 0; round < 300; round++)
        {
            byte[] mutated = (byte[])ts.Clone();
            int flips = rnd.Next(1, 50);
            for (int i = 0; i < flips; i++)
            {
                mutated[rnd.Next(mutated.Length)] = (byte)rnd.Next(256);
            }
            int length = rnd.Next(mutated.Length);
            var session = new RecordingSession();
            using var demuxer = new TsDemuxer(session, pool, new TsDemuxerOptions { MaxPesSize = 4096 });
            for (int i = 0; i < length;)
            {
                int n = Math.Min(rnd.Next(1, 3000), length - i);
                demuxer.Feed(mutated.AsSpan(i, n), i);
                i += n;
            }
            if (round % 2 == 0)
            {
                demuxer.Flush();
            }
        }
        byte[] random = new byte[100_000];
        for (int round = 0; round < 20; round++)
        {
            rnd.NextBytes(random);
            for (int i = 0; i < random.Length; i += 188 * 50)
            {
                random[i] = 0x47;
            }
            using var demuxer = new TsDemuxer(new RecordingSession(), pool);
            demuxer.Feed(random, 0);
            demuxer.Flush();
        }
    }

    private static int IndexOfPesStart(TsTestMuxer mux, int pid, int n)
    {
        int seen = 0;
        for (int i = 0; i < mux.Packets.Count; i++)
        {
            byte[] p = mux.Packets[i];
            if (((p[1] & 0x1F) << 8 | p[2]) == pid && (p[1] & 0x40) != 0 && seen++ == n)
            {
                return i;
            }
        }
        throw new InvalidOperationException("no such PES");
    }
}
