using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoRelay.EndToEnd.Tests;

/// <summary>A minimal parser of the Prometheus text exposition format (0.0.4), strict enough to catch malformed output.</summary>
internal static partial class PrometheusFormat
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""\G(?<key>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\["\\n])*)"(,|$)""")]
    private static partial Regex Label();

    /// <summary>Parses the whole text; throws FormatException naming the first bad line.</summary>
    public static List<Sample> Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        int lineNumber = 0;
        foreach (string line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                continue;
            }
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                string[] parts = line.Split(' ');
                if (parts.Length != 4 || parts[3] is not ("counter" or "gauge" or "summary" or "histogram" or "untyped"))
                {
                    throw new FormatException($"line {lineNumber}: bad TYPE: {line}");
                }
                if (!types.TryAdd(parts[2], parts[3]))
                {
                    throw new FormatException($"line {lineNumber}: family {parts[2]} declared twice");
                }
                continue;
            }
            Match m = SampleLine().Match(line);
            if (!m.Success)
            {
                throw new FormatException($"line {lineNumber}: not a sample: {line}");
            }
            string name = m.Groups["name"].Value;
            string family = name.EndsWith("_sum", StringComparison.Ordinal) || name.EndsWith("_count", StringComparison.Ordinal)
                ? name[..name.LastIndexOf('_')]
                : name;
            if (!types.ContainsKey(name) && !types.ContainsKey(family))
            {
                throw new FormatException($"line {lineNumber}: sample of {name} before its TYPE");
            }
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            string labelText = m.Groups["labels"].Value;
            int at = 0;
            while (at < labelText.Length)
            {
                Match l = Label().Match(labelText, at);
                if (!l.Success || l.Index != at)
                {
                    throw new FormatException($"line {lineNumber}: bad labels: {labelText}");
                }
                labels[l.Groups["key"].Value] = l.Groups["value"].Value;
                at += l.Length;
            }
            string valueText = m.Groups["value"].Value;
            if (!double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                && valueText is not ("NaN" or "+Inf" or "-Inf"))
            {
                throw new FormatException($"line {lineNumber}: bad value {valueText}");
            }
            samples.Add(new Sample(name, labels, value));
        }
        return samples;
    }
}
