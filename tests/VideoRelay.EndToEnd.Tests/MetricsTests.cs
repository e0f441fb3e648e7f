using VideoRelay.WebRtc.Sdp;
using VideoRelay.WhepClient;

namespace VideoRelay.EndToEnd.Tests;

[Collection("node")]
[Trait("Category", "EndToEnd")]
public sealed class MetricsTests(NodeFixture fixture)
{
    [Fact]
    public async Task Metrics_parse_as_Prometheus_text_and_carry_per_hop_latency_and_timestamp_sources()
    {
        await using (WhepViewer viewer = await WhepViewer.ConnectAsync(new Uri(fixture.Node.BaseUrl + "/whep/demo"), new WhepViewerOptions()))
        {
            await viewer.ReadFramesAsync(MediaKind.Video, 90, TimeSpan.FromSeconds(15));
        }
        string text = await fixture.Node.Http.GetStringAsync(fixture.Node.BaseUrl + "/metrics");
        List<PrometheusFormat.Sample> samples = PrometheusFormat.Parse(text);

        bool Has(string name, params (string Key, string Value)[] labels) =>
            samples.Any(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out string? v) && v == l.Value));

        foreach (string hop in new[] { "Demuxed", "EdgeRx", "Packetized", "FirstPacketSent", "KernelTx" })
        {
            Assert.True(Has("videorelay_latency_since_capture_seconds", ("stream", "demo"), ("hop", hop), ("quantile", "0.99")), $"no p99 of hop {hop}");
        }
        Assert.True(Has("videorelay_latency_since_capture_seconds", ("stream", "demo"), ("scope", "edge/source"), ("hop", "FirstPacketSent")));
        Assert.True(Has("videorelay_socket_timestamp_source", ("socket", "edge_udp_rx"), ("source", "Software")));
        Assert.True(Has("videorelay_socket_timestamp_source", ("socket", "edge_udp_tx"), ("source", "Software")));
        Assert.True(Has("videorelay_viewers"));
        Assert.True(Has("dotnet_gc_collections_total", ("generation", "0")));
        Assert.True(samples.Single(s => s.Name == "videorelay_edge_bytes_sent_total").Value > 0);
    }

    [Fact]
    public void The_parser_rejects_malformed_text()
    {
        Assert.Throws<FormatException>(() => PrometheusFormat.Parse("no_type_declared 1\n"));
        Assert.Throws<FormatException>(() => PrometheusFormat.Parse("# TYPE a gauge\na{b=\"c} 1\n"));
        Assert.Throws<FormatException>(() => PrometheusFormat.Parse("# TYPE a gauge\na one\n"));
        Assert.Single(PrometheusFormat.Parse("# TYPE a gauge\na{b=\"x\\\"y\"} 1.5\n"));
    }
}
