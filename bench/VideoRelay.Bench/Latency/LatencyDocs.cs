using System.Globalization;
using System.Text;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// Rewrites the measured table of docs/LATENCY.md: everything between <see cref="BeginMarker"/> and
/// <see cref="EndMarker"/> is replaced by the run's figures, the exact command and the machine. Text outside
/// the markers (the budget's explanations) is left alone.
/// </summary>
internal static class LatencyDocs
{
    public const string BeginMarker = "<!-- bench:latency:begin -->";
    public const string EndMarker = "<!-- bench:latency:end -->";

    /// <summary>The markers of a named block (<c>--docs-block srt</c> → <c>bench:latency:srt:begin</c>); empty name: the main table.</summary>
    public static (string Begin, string End) Markers(string block) => block.Length == 0
        ? (BeginMarker, EndMarker)
        : ($"<!-- bench:latency:{block}:begin -->", $"<!-- bench:latency:{block}:end -->");

    /// <summary>The markdown that goes between the markers.</summary>
    public static string BuildBlock(IReadOnlyList<LatencyRow> rows, string command, string machine, DateTime utc)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Measured {utc:yyyy-MM-dd HH:mm} UTC with `{command}` on {machine}.");
        sb.AppendLine();
        sb.AppendLine("| hop | source | target p50 | target p99 | count | measured p50 | measured p99 | p99.9 | max |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (LatencyRow row in rows)
        {
            var s = row.Summary;
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {row.Label.Trim()} | {row.Source} | {Target(row.TargetP50Ms)} | {Target(row.TargetP99Ms)} | {s.Count} | " +
                $"{Ms(s.P50, s.Count)} | {Ms(s.P99, s.Count)} | {Ms(s.P999, s.Count)} | {Ms(s.Max, s.Count)} |");
        }
        sb.AppendLine();
        sb.AppendLine("Figures in ms. `node` = the node's own histograms (/api/latency), `tap` = a reader per rendition in the bench, " +
            "`bench` = our publisher and WHEP viewers, `chromium` = the player's beacons (capture → presented).");
        return sb.ToString();
    }

    /// <summary>Replaces the block between the markers; false (file untouched) when the markers are missing.</summary>
    public static bool TryUpdate(string path, string block, out string error) => TryUpdate(path, "", block, out error);

    /// <summary>Replaces the named block between its markers; false (file untouched) when they are missing.</summary>
    public static bool TryUpdate(string path, string blockName, string block, out string error)
    {
        (string beginMarker, string endMarker) = Markers(blockName);
        error = "";
        if (!File.Exists(path))
        {
            error = $"{path} does not exist";
            return false;
        }
        string text = File.ReadAllText(path);
        int begin = text.IndexOf(beginMarker, StringComparison.Ordinal);
        int end = text.IndexOf(endMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            error = $"{path} has no {beginMarker} … {endMarker} block";
            return false;
        }
        int from = begin + beginMarker.Length;
        string updated = string.Concat(text.AsSpan(0, from), "\n", block, text.AsSpan(end));
        File.WriteAllText(path, updated);
        return true;
    }

    private static string Target(double? ms) => ms is { } v ? "≤ " + v.ToString("0.##", CultureInfo.InvariantCulture) : "–";

    private static string Ms(double ns, long count) => count == 0 ? "–" : (ns / 1e6).ToString("0.000", CultureInfo.InvariantCulture);
}
