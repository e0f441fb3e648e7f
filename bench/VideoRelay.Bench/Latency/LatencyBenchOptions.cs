using System.Globalization;

namespace VideoRelay.Bench.Latency;

/// <summary>The options of <c>bench latency</c>, parsed from "--name value" pairs and bare flags.</summary>
public sealed class LatencyBenchOptions
{
    public const string Usage =
        "bench latency [--seconds 20] [--warmup 2] [--protocol rtmp|srt] [--viewers 4] [--rendition 360p|none] [--chromium] [--chromium-rendition 360p] " +
        "[--size 1280x720] [--out bench/results] [--update-docs] [--docs docs/LATENCY.md] [--docs-block name]";

    /// <summary>Measured seconds (after the warm-up).</summary>
    public double Seconds { get; init; } = 20;

    /// <summary>Seconds run before every histogram is reset (connection set-up, x264 start, JIT).</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>"rtmp" or "srt".</summary>
    public string Protocol { get; init; } = "rtmp";

    /// <summary>Our WHEP viewers on the source rendition.</summary>
    public int Viewers { get; init; } = 4;

    /// <summary>A transcoded rendition one more viewer watches, or "none".</summary>
    public string TranscodedRendition { get; init; } = "360p";

    public bool Chromium { get; init; }

    /// <summary>The rendition Chromium watches ("" = the player's auto choice, the source).</summary>
    public string ChromiumRendition { get; init; } = "";
    public int Width { get; init; } = 1280;
    public int Height { get; init; } = 720;

    /// <summary>Folder for .hgrm, PNG and the text report.</summary>
    public string OutputFolder { get; init; } = "bench/results";

    public bool UpdateDocs { get; init; }

    /// <summary>The doc whose measured table <see cref="UpdateDocs"/> rewrites; null: docs/LATENCY.md of the checkout.</summary>
    public string? DocsPath { get; init; }

    /// <summary>Which marker block of the doc to rewrite: "" = the main table, else <c>bench:latency:NAME:begin</c>.</summary>
    public string DocsBlock { get; init; } = "";

    public const int FramesPerSecond = 30;

    /// <summary>The command line as given (for the report and the docs).</summary>
    public string CommandLine { get; init; } = "";

    public bool HasTranscodedViewer => !string.Equals(TranscodedRendition, "none", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses the arguments after "latency"; false with a reason on anything unknown or out of range.</summary>
    public static bool TryParse(string[] args, out LatencyBenchOptions options, out string error)
    {
        options = new LatencyBenchOptions();
        error = "";
        double seconds = options.Seconds, warmup = options.WarmupSeconds;
        string protocol = options.Protocol, rendition = options.TranscodedRendition, output = options.OutputFolder;
        string? docs = null;
        string docsBlock = "";
        string chromiumRendition = "";
        int viewers = options.Viewers, width = options.Width, height = options.Height;
        bool chromium = false, updateDocs = false;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            bool ok = true;
            switch (name)
            {
                case "--chromium":
                    chromium = true;
                    continue;
                case "--update-docs":
                    updateDocs = true;
                    continue;
                case "--seconds":
                    ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds is > 0 and <= 3600;
                    break;
                case "--warmup":
                    ok = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out warmup) && warmup is >= 0 and <= 60;
                    break;
                case "--chromium-rendition":
                    chromiumRendition = value ?? "";
                    chromium = true;
                    ok = chromiumRendition.Length is > 0 and <= 32 && chromiumRendition.All(char.IsAsciiLetterOrDigit);
                    break;
                case "--protocol":
                    protocol = value ?? "";
                    ok = protocol is "rtmp" or "srt";
                    break;
                case "--viewers":
                    ok = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out viewers) && viewers is >= 1 and <= 64;
                    break;
                case "--rendition":
                    rendition = value ?? "";
                    ok = rendition.Length is > 0 and <= 32;
                    break;
                case "--size":
                    ok = TryParseSize(value, out width, out height);
                    break;
                case "--out":
                    output = value ?? "";
                    ok = output.Length > 0;
                    break;
                case "--docs-block":
                    docsBlock = value ?? "";
                    ok = docsBlock.Length is > 0 and <= 32 && docsBlock.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
                    break;
                case "--docs":
                    docs = value;
                    ok = !string.IsNullOrEmpty(docs);
                    break;
                default:
                    error = $"unknown option '{name}'";
                    return false;
            }
            if (!ok)
            {
                error = $"bad value for {name}: '{value}'";
                return false;
            }
            i++;
        }
        options = new LatencyBenchOptions
        {
            Seconds = seconds,
            WarmupSeconds = warmup,
            Protocol = protocol,
            Viewers = viewers,
            TranscodedRendition = rendition,
            Chromium = chromium,
            ChromiumRendition = chromiumRendition,
            Width = width,
            Height = height,
            OutputFolder = output,
            UpdateDocs = updateDocs,
            DocsPath = docs,
            DocsBlock = docsBlock,
            CommandLine = "bench latency " + string.Join(' ', args),
        };
        return true;
    }

    private static bool TryParseSize(string? value, out int width, out int height)
    {
        width = height = 0;
        int x = value?.IndexOf('x') ?? -1;
        return value is not null && x > 0
            && int.TryParse(value.AsSpan(0, x), NumberStyles.Integer, CultureInfo.InvariantCulture, out width)
            && int.TryParse(value.AsSpan(x + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out height)
            && width is >= 160 and <= 3840 && height is >= 120 and <= 2160 && (width & 1) == 0 && (height & 1) == 0;
    }
}
