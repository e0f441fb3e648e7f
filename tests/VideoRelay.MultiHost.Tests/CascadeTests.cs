using VideoRelay.MultiHost.Tests.Agent;
using VideoRelay.MultiHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VideoRelay.MultiHost.Tests;

/// <summary>Issue 8, test 5: origin → edge A (serving the relay onward on 9100) → edge B → a viewer on B.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class CascadeTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int CascadeHttpPort = 8081;
    private const int CascadeUdpPort = 8190;

    [Fact]
    public async Task A_viewer_on_an_edge_pulling_from_another_edge_receives_every_frame()
    {
        await cluster.EnsureUpAsync();
        TestNetwork net = cluster.Net;
        string aUrl = ClusterFixture.Url(TestNetwork.Edge1Lan, CascadeHttpPort);
        string bUrl = ClusterFixture.Url(TestNetwork.Edge2Lan, CascadeHttpPort);
        NodeProcess a = cluster.StartExtra(cluster.NewEdge("cascadeA", net.Edge1, TestNetwork.Edge1Lan, ClusterFixture.OriginRelay,
            $"--Node:HttpPort={CascadeHttpPort}", $"--Edge:UdpPort={CascadeUdpPort}", $"--Relay:Port={ClusterFixture.RelayPort}"));
        NodeProcess b = cluster.StartExtra(cluster.NewEdge("cascadeB", net.Edge2, TestNetwork.Edge2Lan, $"{TestNetwork.Edge1Lan}:{ClusterFixture.RelayPort}",
            $"--Node:HttpPort={CascadeHttpPort}", $"--Edge:UdpPort={CascadeUdpPort}"));
        bool connected = false;
        try
        {
            await cluster.WaitStatusAsync(aUrl + "/readyz", 200, TimeSpan.FromSeconds(30), "edge A ready");
            await cluster.WaitStatusAsync(bUrl + "/readyz", 200, TimeSpan.FromSeconds(30), "edge B ready (connected to edge A)");

            AgentConnectResult r = await cluster.Agent.ConnectAsync("cascade", bUrl + "/whep/demo");
            Assert.True(r.Ok, $"{r.HttpStatus} {r.Error}\n{cluster.Diagnostics()}");
            connected = true;
            Assert.Equal($"{TestNetwork.Edge2Lan}:{CascadeUdpPort}", r.RemoteEndPoint);
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            AgentFrames warm = await cluster.Agent.FramesAsync("cascade");
            await Task.Delay(TimeSpan.FromSeconds(2));
            AgentFrames steady = await cluster.Agent.FramesAsync("cascade");
            List<VideoSample> all = [.. warm.Samples, .. steady.Samples];

            output.WriteLine($"viewer on B: {all.Count} frames; steady-state latency through origin → A → B: {FrameAnalysis.Describe(steady.Samples)}; {steady.Counters}");
            Assert.True(all.Count >= 100, $"{all.Count} frames in 4.5 s; {steady.Counters}\n{cluster.Diagnostics()}");
            Assert.True(all[0].Keyframe);
            Assert.Empty(FrameAnalysis.CounterGaps(all));
            Assert.Empty(FrameAnalysis.RtpGaps(all));
            Assert.InRange(steady.Samples.Count, 54, 66);
            double? servedOnward = await cluster.MetricAsync(aUrl, "videorelay_relay_server_connections");
            output.WriteLine($"edge A relay server connections: {servedOnward}");
            Assert.True(servedOnward >= 1, "edge A serves no relay connection");
        }
        finally
        {
            if (connected)
            {
                await cluster.Agent.CloseAsync("cascade");
            }
            b.Kill();
            a.Kill();
        }
    }
}
