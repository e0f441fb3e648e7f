using System.Diagnostics;
using VideoRelay.Core.Media;
using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.Edge.Tests;

/// <summary>Real x264 output (made once with the ffmpeg CLI) through the edge to our viewer, bit-exact.</summary>
[Trait("Category", "EndToEnd")]
public class RealH264Tests
{
    [Fact]
    public async Task X264_access_units_arrive_bit_exact()
    {
        List<(byte[] Au, bool Key)> video = await EncodeAsync();
        Assert.True(video.Count >= 55, $"ffmpeg gave {video.Count} access units");
        Assert.True(video[0].Key);
        byte[] sps = TestMedia.SplitAvcc(video[0].Au).First(n => (n[0] & 0x1F) == 7);
        byte[] pps = TestMedia.SplitAvcc(video[0].Au).First(n => (n[0] & 0x1F) == 8);
        var config = new CodecConfig { Codec = CodecId.H264, Sps = sps, Pps = pps, Width = 640, Height = 360, FrameRateMilli = 30000 };

        await using EdgeHarness h = await EdgeHarness.StartAsync();
        var stream = new TestStream("x264", config);
        h.Catalog.Add(stream);
        using var publisher = new TestPublisher(stream, video, TestPublisher.GenerateAudio(video.Count), TimeSpan.FromMilliseconds(10));
        await using WhepViewer viewer = await h.ConnectAsync("x264");
        publisher.Start();
        await publisher.Completion;
        List<ReceivedFrame> frames = await viewer.ReadFramesAsync(MediaKind.Video, video.Count, TimeSpan.FromSeconds(10));

        new FrameCheck(video).AssertContiguous(frames, 0, video.Count - 1);
        Assert.Equal(0, viewer.Counters.PacketsLost);
    }

    private static async Task<List<(byte[] Au, bool Key)>> EncodeAsync()
    {
        string dir = Path.Combine(Path.GetTempPath(), "videorelay-edge-tests");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "testsrc2-640x360-2s.h264");
        if (!File.Exists(file))
        {
            string temp = file + "." + Environment.ProcessId + ".tmp";
            var psi = new ProcessStartInfo("ffmpeg",
                ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-t", "2",
                 "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-bsf:v", "h264_mp4toannexb", "-f", "h264", temp])
            {
                RedirectStandardError = true,
            };
            using Process ffmpeg = Process.Start(psi)!;
            string errors = await ffmpeg.StandardError.ReadToEndAsync();
            await ffmpeg.WaitForExitAsync();
            Assert.True(ffmpeg.ExitCode == 0, errors);
            File.Move(temp, file, overwrite: true);
        }
        return AnnexB.SplitAccessUnits(await File.ReadAllBytesAsync(file));
    }
}
