using System.Globalization;
using System.Text;
using VideoRelay.Core.Timing;

namespace VideoRelay.Node;

/// <summary>Writes the Prometheus text exposition format (0.0.4): HELP/TYPE once per family, escaped label values.</summary>
internal sealed class PrometheusWriter
{
    private readonly StringBuilder _text = new(16 * 1024);
    private readonly HashSet<string> _declared = [];

    public void Counter(string name, string help, double value, params (string Name, string Value)[] labels) =>
        Sample(name, "counter", help, value, labels);

    public void Gauge(string name, string help, double value, params (string Name, string Value)[] labels) =>
        Sample(name, "gauge", help, value, labels);

    /// <summary>A latency histogram as a summary in seconds: quantiles, _sum and _count.</summary>
    public void Summary(string name, string help, LatencyHistogram histogram, params (string Name, string Value)[] labels)
    {
        LatencySummary s = histogram.Summarize();
        Declare(name, "summary", help);
        foreach ((string q, long ns) in new[] { ("0.5", s.P50), ("0.9", s.P90), ("0.99", s.P99), ("0.999", s.P999), ("1", s.Max) })
        {
            Line(name, ns / 1e9, [.. labels, ("quantile", q)]);
        }
        Line(name + "_sum", s.Mean * s.Count / 1e9, labels);
        Line(name + "_count", s.Count, labels);
    }

    private void Sample(string name, string type, string help, double value, (string, string)[] labels)
    {
        Declare(name, type, help);
        Line(name, value, labels);
    }

    private void Declare(string name, string type, string help)
    {
        if (_declared.Add(name))
        {
            _text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n');
            _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        }
    }

    private void Line(string name, double value, (string Name, string Value)[] labels)
    {
        _text.Append(name);
        if (labels.Length > 0)
        {
            _text.Append('{');
            for (int i = 0; i < labels.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }
                _text.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            _text.Append('}');
        }
        _text.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    public override string ToString() => _text.ToString();
}
