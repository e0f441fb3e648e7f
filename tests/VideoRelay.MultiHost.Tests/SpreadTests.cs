using VideoRelay.MultiHost.Tests.Agent;
using VideoRelay.MultiHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VideoRelay.MultiHost.Tests;

/// <summary>Issue 8, test 1: viewers sent through the front door land on both edges and each gets every frame.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class SpreadTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private const int Viewers = 4;

    [Fact]
    public async Task Front_door_spreads_viewers_over_both_edges_and_each_receives_every_frame()
    {
        await cluster.EnsureUpAsync();
        NamespaceAgent agent = cluster.Agent;
        string[] names = Enumerable.Range(0, Viewers).Select(i => $"spread{i}").ToArray();
        var remotes = new Dictionary<string, string>();
        try
        {
            foreach (string name in names)
            {
                AgentConnectResult r = await agent.ConnectAsync(name, ClusterFixture.FrontDoorUrl + "/whep/demo");
                Assert.True(r.Ok, $"{name}: {r.HttpStatus} {r.Error}\n{cluster.Diagnostics()}");
                remotes[name] = r.RemoteEndPoint;
                output.WriteLine($"{name} → {r.RemoteEndPoint} in {r.ConnectMs:0} ms (session {r.SessionUrl})");
            }
            var perEdge = remotes.Values.GroupBy(r => r.Split(':')[0]).ToDictionary(g => g.Key, g => g.Count());
            int load1 = await ViewersAsync(ClusterFixture.Edge1Url);
            int load2 = await ViewersAsync(ClusterFixture.Edge2Url);
            output.WriteLine($"viewers per edge (media address): {string.Join(", ", perEdge.Select(p => $"{p.Key}: {p.Value}"))}; /api/load edge1 {load1}, edge2 {load2}");
            Assert.Equal(2, perEdge.GetValueOrDefault(TestNetwork.Edge1Lan));
            Assert.Equal(2, perEdge.GetValueOrDefault(TestNetwork.Edge2Lan));
            Assert.True(load1 >= 2 && load2 >= 2, $"/api/load: edge1 {load1}, edge2 {load2}");

            await Task.Delay(TimeSpan.FromSeconds(5));
            foreach (string name in names)
            {
                AgentFrames got = await agent.FramesAsync(name);
                List<VideoSample> s = got.Samples;
                Assert.True(s.Count > 0, $"{name} got nothing: {got.Counters}\n{cluster.Diagnostics()}");
                Assert.All(s, x => Assert.True(x.Counter >= 0, "an access unit without the capture-time SEI"));
                Assert.Empty(FrameAnalysis.CounterGaps(s));
                Assert.Empty(FrameAnalysis.RtpGaps(s));
                // Past the GOP-cache start (up to 2 s of frames at once), the rate is the source's: 30 per second.
                int steady = FrameAnalysis.CountReceived(s, s[0].ReceivedUnixNs + 1_500_000_000, TimeSpan.FromSeconds(3));
                List<VideoSample> live = s.Where(x => x.ReceivedUnixNs >= s[0].ReceivedUnixNs + 2_000_000_000).ToList(); // past the GOP-cache start
                output.WriteLine($"{name}: {s.Count} frames (first key {s[0].Keyframe}), {steady} in 3 s of steady state, steady latency {FrameAnalysis.Describe(live)}; {got.Counters}");
                Assert.True(s[0].Keyframe, $"{name} started on a non-keyframe");
                Assert.InRange(steady, 84, 96);
                Assert.Null(got.ReceiveFailure);
            }
        }
        finally
        {
            foreach (string name in remotes.Keys)
            {
                int delete = await agent.CloseAsync(name);
                output.WriteLine($"{name}: DELETE → {delete}");
            }
        }
    }

    private async Task<int> ViewersAsync(string edgeUrl)
    {
        (int status, string body) = await cluster.Agent.GetAsync(edgeUrl + "/api/load");
        Assert.Equal(200, status);
        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("viewers").GetInt32();
    }
}
