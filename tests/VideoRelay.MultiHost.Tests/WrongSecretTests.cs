using VideoRelay.MultiHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VideoRelay.MultiHost.Tests;

/// <summary>
/// Issue 8, test 6: an edge with the wrong cluster secret is refused by the origin: it never becomes ready, it
/// cannot serve a viewer, and the origin counts the refusals.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class WrongSecretTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int HttpPort = 8082;
    private const int UdpPort = 8191;

    [Fact]
    public async Task An_edge_with_the_wrong_secret_never_becomes_ready_and_the_origin_counts_auth_failures()
    {
        await cluster.EnsureUpAsync();
        string url = ClusterFixture.Url(TestNetwork.Edge2Lan, HttpPort);
        double failuresBefore = await cluster.MetricAsync(ClusterFixture.OriginUrl, "videorelay_relay_server_auth_failures_total") ?? 0;
        NodeProcess wrong = cluster.StartExtra(cluster.NewEdge("edge-wrong-secret", cluster.Net.Edge2, TestNetwork.Edge2Lan,
            ClusterFixture.OriginRelay,
            $"--Node:HttpPort={HttpPort}", $"--Edge:UdpPort={UdpPort}", "--Relay:Secret=not-the-cluster-secret"));
        try
        {
            await cluster.WaitStatusAsync(url + "/healthz", 200, TimeSpan.FromSeconds(30), "the wrong-secret edge answers HTTP");
            await cluster.WaitUntilAsync(async () => await cluster.MetricAsync(ClusterFixture.OriginUrl, "videorelay_relay_server_auth_failures_total") > failuresBefore,
                TimeSpan.FromSeconds(10), "the origin counts an auth failure");

            var statuses = new List<int>();
            for (int i = 0; i < 8; i++)
            {
                statuses.Add((await cluster.Agent.GetAsync(url + "/readyz")).Status);
                await Task.Delay(250);
            }
            Assert.All(statuses, s => Assert.Equal(503, s));

            AgentConnectResult r = await cluster.Agent.ConnectAsync("wrong-secret", url + "/whep/demo");
            Assert.False(r.Ok, "a viewer was served by an edge that cannot authenticate");
            Assert.Contains(r.HttpStatus, new[] { 404, 503 });

            double failures = await cluster.MetricAsync(ClusterFixture.OriginUrl, "videorelay_relay_server_auth_failures_total") ?? 0;
            double? edgeConnected = await cluster.MetricAsync(url, "videorelay_relay_connected");
            output.WriteLine($"/readyz: {string.Join(',', statuses)}; WHEP POST → {r.HttpStatus} ({r.Error.Trim()}) after {r.ConnectMs:0} ms; " +
                $"origin auth failures {failuresBefore} → {failures}; edge videorelay_relay_connected {edgeConnected}");
            Assert.True(failures > failuresBefore);
            Assert.Equal(0, edgeConnected);
        }
        finally
        {
            wrong.Kill();
        }
    }
}
