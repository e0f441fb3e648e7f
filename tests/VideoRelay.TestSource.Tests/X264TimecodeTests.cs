using System.Diagnostics;
using Xunit.Abstractions;
using VideoRelay.TestSource;

namespace VideoRelay.TestSource.Tests;

/// <summary>
/// The timecode through the real x264 (ffmpeg CLI): 1280x720 generator frames, scaled to each rendition size,
/// encoded at a low bitrate, decoded back, read off the pixels.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class X264TimecodeTests(ITestOutputHelper output)
{
    private const int Frames = 60;
    private const long BaseMs = 1_795_000_000_000;

    [Theory]
    [InlineData(1280, 720, 1280, 720)]
    [InlineData(1280, 720, 854, 480)]   // the transcoder's ladder: band of the 1280 source, scaled
    [InlineData(1280, 720, 640, 360)]
    [InlineData(854, 480, 854, 480)]    // a source published at the rendition size: band of its own width
    [InlineData(640, 360, 640, 360)]
    public async Task Timecode_survives_x264(int sourceWidth, int sourceHeight, int width, int height)
    {
        string dir = Path.Combine(Path.GetTempPath(), "vr-timecode-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string h264 = Path.Combine(dir, "out.h264");
            await EncodeAsync(h264, sourceWidth, sourceHeight, width, height);
            byte[] raw = await DecodeAsync(h264);
            int frameSize = width * height * 3 / 2;
            Assert.Equal(Frames, raw.Length / frameSize);

            int exact = 0;
            for (int i = 0; i < Frames; i++)
            {
                ReadOnlySpan<byte> luma = raw.AsSpan(i * frameSize, width * height);
                if (Timecode.TryRead(luma, width, height, width, BaseMs, out long ms) && ms == MsOf(i))
                    exact++;
                if (i == 30 && width == 640 && sourceWidth == 1280 && Environment.GetEnvironmentVariable("VIDEORELAY_WRITE_FIXTURE") is { Length: > 0 } fixture)
                    WriteFixture(fixture, luma, width, MsOf(i));
            }
            output.WriteLine($"{sourceWidth}x{sourceHeight} → {width}x{height}: {exact}/{Frames} frames read exactly");
            Assert.True(exact * 100 >= Frames * 99, $"{exact}/{Frames} frames read exactly at {width}x{height}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static long MsOf(int frame) => BaseMs + frame * 1000L / 30;

    private static async Task EncodeAsync(string output, int sourceWidth, int sourceHeight, int width, int height)
    {
        using Process ffmpeg = Start(
            $"-hide_banner -loglevel error -f rawvideo -pix_fmt yuv420p -s {sourceWidth}x{sourceHeight} -r 30 -i - " +
            $"-vf scale={width}:{height} -c:v libx264 -preset superfast -tune zerolatency -b:v 600k -y -f h264 {output}");
        var generator = new TestPatternGenerator(sourceWidth, sourceHeight);
        byte[] frame = new byte[generator.FrameSize];
        using (Stream stdin = ffmpeg.StandardInput.BaseStream)
        {
            for (int i = 0; i < Frames; i++)
            {
                generator.Render(frame, i, MsOf(i));
                await stdin.WriteAsync(frame);
            }
        }
        string errors = await ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, errors);
    }

    private static async Task<byte[]> DecodeAsync(string input)
    {
        using Process ffmpeg = Start($"-hide_banner -loglevel error -i {input} -f rawvideo -pix_fmt yuv420p -");
        ffmpeg.StandardInput.Close();
        using var output = new MemoryStream();
        Task<string> errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.StandardOutput.BaseStream.CopyToAsync(output);
        await ffmpeg.WaitForExitAsync();
        Assert.True(ffmpeg.ExitCode == 0, await errors);
        return output.ToArray();
    }

    private static Process Start(string arguments) =>
        Process.Start(new ProcessStartInfo("ffmpeg", arguments)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("ffmpeg did not start");

    /// <summary>
    /// Writes the decoded band region (luma, rows 0..3·cell) as a fixture for player-web's decoder test:
    /// a raw 8-bit plane plus a JSON sidecar with its geometry and the expected capture ms.
    /// </summary>
    private static void WriteFixture(string path, ReadOnlySpan<byte> luma, int width, long expectedMs)
    {
        int rows = 3 * Timecode.CellSize(width);
        File.WriteAllBytes(path + ".y", luma[..(rows * width)].ToArray());
        File.WriteAllText(path + ".json",
            $"{{ \"width\": {width}, \"height\": {rows}, \"stride\": {width}, \"sourceWidth\": 1280, \"unixMs\": {expectedMs}, " +
            "\"note\": \"luma of the top band of a 1280x720 generator frame scaled to 640x360 by ffmpeg, x264 superfast zerolatency 600k, decoded\" }\n");
    }
}
