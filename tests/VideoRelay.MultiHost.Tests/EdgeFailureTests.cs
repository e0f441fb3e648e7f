using VideoRelay.MultiHost.Tests.Agent;
using VideoRelay.MultiHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VideoRelay.MultiHost.Tests;

/// <summary>
/// Issue 8, test 4: an edge crashes (SIGKILL). Its viewers' sessions die (no media, no consent answers) while the
/// other edge's viewer carries on; once the front door's poll marks the edge unhealthy, a new viewer is sent to the
/// survivor.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class EdgeFailureTests(ClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task Killed_edge_loses_its_viewers_and_the_front_door_sends_new_ones_to_the_survivor()
    {
        await cluster.EnsureUpAsync();
        NamespaceAgent agent = cluster.Agent;
        var connected = new List<string>();
        try
        {
            foreach ((string name, string url) in new[] { ("failure-survivor", ClusterFixture.Edge1Url), ("failure-victim", ClusterFixture.Edge2Url) })
            {
                AgentConnectResult r = await agent.ConnectAsync(name, url + "/whep/demo");
                Assert.True(r.Ok, $"{name}: {r.HttpStatus} {r.Error}\n{cluster.Diagnostics()}");
                connected.Add(name);
            }
            await Task.Delay(TimeSpan.FromSeconds(2.5)); // at least one consent check (every 2 s) answered
            Assert.NotEmpty((await agent.FramesAsync("failure-victim")).Samples);
            Assert.NotEmpty((await agent.FramesAsync("failure-survivor")).Samples);

            long doorMark = cluster.FrontDoor.LineCount;
            long killedNs = FrameAnalysis.UnixNowNs();
            var killedAt = DateTime.UtcNow;
            cluster.Edge2.Kill();

            string deadEdge = $"Edge {ClusterFixture.Edge2Url} is unhealthy";
            await cluster.WaitUntilAsync(() => Task.FromResult(cluster.FrontDoor.LinesSince(doorMark).Any(l => l.Contains(deadEdge, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(5), "the front door marks the killed edge unhealthy");
            output.WriteLine($"front door marked edge2 unhealthy {(DateTime.UtcNow - killedAt).TotalMilliseconds:0} ms after the kill (it polls every 1 s; checked every 100 ms)");

            AgentFrames early = await agent.FramesAsync("failure-victim");
            await Task.Delay(killedAt + TimeSpan.FromSeconds(5) - DateTime.UtcNow); // beyond two consent intervals (2 s)
            AgentFrames victim = await agent.FramesAsync("failure-victim");
            AgentFrames survivor = await agent.FramesAsync("failure-survivor");
            output.WriteLine($"victim after the kill: {victim.Samples.Count} frames; consent checks {early.ConsentChecksSent} → {victim.ConsentChecksSent}, " +
                $"answered {early.ConsentResponses} → {victim.ConsentResponses}; {victim.Counters}");
            output.WriteLine($"survivor meanwhile: {survivor.Samples.Count} frames");
            Assert.Empty(victim.Samples);
            Assert.DoesNotContain(early.Samples, s => s.ReceivedUnixNs > killedNs + 300_000_000);
            Assert.True(early.ConsentResponses >= 1, "no consent check was answered before the kill");
            Assert.True(victim.ConsentChecksSent > early.ConsentChecksSent, "the viewer stopped checking consent");
            Assert.Equal(early.ConsentResponses, victim.ConsentResponses); // nobody answers any more
            Assert.InRange(survivor.Samples.Count, 130, 175); // ~5 s at 30 fps: the other edge is untouched
            Assert.Empty(FrameAnalysis.CounterGaps(survivor.Samples));

            for (int i = 0; i < 2; i++)
            {
                string name = $"failure-new{i}";
                AgentConnectResult r = await agent.ConnectAsync(name, ClusterFixture.FrontDoorUrl + "/whep/demo");
                Assert.True(r.Ok, $"{name}: {r.HttpStatus} {r.Error}\n{cluster.Diagnostics()}");
                connected.Add(name);
                output.WriteLine($"{name} via the front door → {r.RemoteEndPoint}");
                Assert.Equal($"{TestNetwork.Edge1Lan}:{ClusterFixture.EdgeUdpPort}", r.RemoteEndPoint);
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
            Assert.NotEmpty((await agent.FramesAsync("failure-new0")).Samples);
        }
        finally
        {
            foreach (string name in connected)
            {
                await agent.CloseAsync(name);
            }
            await cluster.EnsureUpAsync(); // edge2 back for the next test
        }
    }
}
