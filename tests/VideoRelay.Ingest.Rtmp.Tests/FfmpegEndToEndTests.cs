using VideoRelay.Core.Media;
using VideoRelay.Ingest.Rtmp.Tests.Support;

namespace VideoRelay.Ingest.Rtmp.Tests;

/// <summary>The real ffmpeg CLI publishing to the server over loopback.</summary>
[Trait("Category", "EndToEnd")]
public sealed class FfmpegEndToEndTests
{
    [Fact]
    public async Task Ffmpeg_publish_delivers_h264_and_aac_frames()
    {
        await using TestServer t = await TestServer.StartAsync();
        (int exit, string log) = await FfmpegRunner.PublishAsync($"rtmp://127.0.0.1:{t.Port}/live/test?key=k", FfmpegRunner.ZeroLatencyX264);
        Assert.True(exit == 0, log);
        await TestServer.WaitForAsync(() => t.Counters.ConnectionsActive == 0, what: "connection close");

        RecordingSession session = Assert.Single(t.Authority.Sessions);
        Assert.True(session.IsDisposed);
        Assert.Equal("test", session.StreamName);
        Assert.Equal("k", t.Authority.Requests[0].Key);
        Assert.Equal("rtmp", t.Authority.Requests[0].Protocol);
        Assert.Equal(1, t.Counters.Closed(RtmpCloseReason.Normal));
        Assert.Equal(1, t.Counters.DigestHandshakes); // ffmpeg signs its C1; the server validated it

        CodecConfig video = Assert.Single(session.Configs, c => c.Codec == CodecId.H264);
        Assert.Equal(1280, video.Width);
        Assert.Equal(720, video.Height);
        Assert.Equal(30_000, video.FrameRateMilli);
        Assert.Equal(7, video.Sps[0] & 0x1F);
        Assert.Equal(8, video.Pps[0] & 0x1F);

        CodecConfig audio = Assert.Single(session.Configs, c => c.Codec == CodecId.Aac);
        Assert.Equal(44100, audio.SampleRate);
        Assert.Equal(1, audio.Channels); // lavfi sine is mono

        RecordedFrame[] frames = session.Frames.Where(f => f.Codec == CodecId.H264).ToArray();
        Assert.InRange(frames.Length, 88, 91);
        for (int i = 0; i < frames.Length; i++)
        {
            Assert.Equal(i % 30 == 0, frames[i].Flags.HasFlag(FrameFlags.Keyframe));
            Assert.Equal(i, frames[i].Sequence);
            Assert.Equal(frames[i].Dts, frames[i].Pts);
            Assert.Same(video, frames[i].Config);
            Assert.True(frames[i].IngestRxUnixNs > 0 && frames[i].DemuxedUnixNs >= frames[i].IngestRxUnixNs);
            // capture = the kernel's receive stamp (SO_TIMESTAMPING) when the socket gives one, else IngestRx
            Assert.InRange(frames[i].CaptureUnixNs, frames[i].IngestRxUnixNs - 1_000_000_000, frames[i].IngestRxUnixNs);
            AssertAvcc(frames[i].Payload);
            if (i > 0)
            {
                Assert.True(frames[i].Dts > frames[i - 1].Dts, $"DTS not increasing at frame {i}");
            }
        }
        Assert.True(frames[0].Flags.HasFlag(FrameFlags.ConfigChanged));

        RecordedFrame[] aac = session.Frames.Where(f => f.Codec == CodecId.Aac).ToArray();
        Assert.InRange(aac.Length, 125, 132); // 3 s × 44100 / 1024 ≈ 129
        Assert.All(aac, f => Assert.Equal(f.Dts, f.Pts));
        Assert.Equal(session.Frames.Count, (int)t.Counters.FramesOut);
    }

    [Fact]
    public async Task Ffmpeg_with_wrong_key_gets_BadName_and_fails()
    {
        await using TestServer t = await TestServer.StartAsync();
        (int exit, string log) = await FfmpegRunner.PublishAsync($"rtmp://127.0.0.1:{t.Port}/live/test?key=wrong", FfmpegRunner.ZeroLatencyX264, seconds: 1);
        Assert.NotEqual(0, exit);
        Assert.Contains("Server error: Stream key refused", log, StringComparison.Ordinal);
        await TestServer.WaitForAsync(() => t.Counters.Closed(RtmpCloseReason.RefusedKey) == 1, what: "refused-key close");
        Assert.Empty(t.Authority.Sessions);
    }

    [Fact]
    public async Task Ffmpeg_with_bframes_is_refused_with_the_reason()
    {
        await using TestServer t = await TestServer.StartAsync();
        (int exit, string log) = await FfmpegRunner.PublishAsync($"rtmp://127.0.0.1:{t.Port}/live/test?key=k", FfmpegRunner.DefaultX264, seconds: 2);
        Assert.NotEqual(0, exit);
        Assert.Contains("B-frames are not supported", log, StringComparison.Ordinal);
        await TestServer.WaitForAsync(() => t.Counters.Closed(RtmpCloseReason.BFrames) == 1, what: "B-frames close");
        Assert.True(Assert.Single(t.Authority.Sessions).IsDisposed);
    }

    [Fact]
    public async Task Ffmpeg_can_publish_again_after_the_first_run_ended()
    {
        await using TestServer t = await TestServer.StartAsync();
        string url = $"rtmp://127.0.0.1:{t.Port}/live/again?key=k";
        for (int run = 0; run < 2; run++)
        {
            (int exit, string log) = await FfmpegRunner.PublishAsync(url, FfmpegRunner.ZeroLatencyX264, seconds: 1);
            Assert.True(exit == 0, log);
            await TestServer.WaitForAsync(() => t.Counters.ConnectionsActive == 0, what: "connection close");
        }
        Assert.Equal(2, t.Authority.Sessions.Count);
        Assert.All(t.Authority.Sessions, s => Assert.True(s.IsDisposed));
        Assert.All(t.Authority.Sessions, s => Assert.InRange(s.Frames.Count(f => f.Codec == CodecId.H264), 28, 31));
        Assert.Equal(2, t.Counters.Closed(RtmpCloseReason.Normal));
    }

    [Fact]
    public async Task Ffmpeg_accepts_a_plain_handshake_echo_too()
    {
        await using TestServer t = await TestServer.StartAsync(o => o.ForcePlainHandshake = true);
        (int exit, string log) = await FfmpegRunner.PublishAsync($"rtmp://127.0.0.1:{t.Port}/live/plain?key=k", FfmpegRunner.ZeroLatencyX264, seconds: 1);
        Assert.True(exit == 0, log);
        await TestServer.WaitForAsync(() => t.Counters.ConnectionsActive == 0, what: "connection close");
        Assert.Equal(1, t.Counters.PlainHandshakes);
        Assert.Equal(0, t.Counters.DigestHandshakes);
        Assert.InRange(Assert.Single(t.Authority.Sessions).Frames.Count(f => f.Codec == CodecId.H264), 28, 31);
    }

    private static void AssertAvcc(byte[] payload)
    {
        int pos = 0;
        while (pos < payload.Length)
        {
            Assert.True(payload.Length - pos >= 5);
            int length = payload[pos] << 24 | payload[pos + 1] << 16 | payload[pos + 2] << 8 | payload[pos + 3];
            Assert.InRange(length, 1, payload.Length - pos - 4);
            pos += 4 + length;
        }
        Assert.Equal(payload.Length, pos);
    }
}
