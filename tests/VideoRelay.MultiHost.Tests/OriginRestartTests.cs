using VideoRelay.MultiHost.Tests.Agent;
using VideoRelay.MultiHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VideoRelay.MultiHost.Tests;

/// <summary>
/// Issue 8, test 3: the origin crashes (SIGKILL) and starts again in its namespace; the edges reconnect and the same
/// viewer sessions (no renegotiation) get frames again within 3 s of the origin answering HTTP.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class OriginRestartTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Edges_reconnect_and_the_same_viewer_sessions_resume_within_3_s_of_the_origin_restart()
    {
        await cluster.EnsureUpAsync();
        NamespaceAgent agent = cluster.Agent;
        (string Name, string Url)[] viewers = [("restart1", ClusterFixture.Edge1Url), ("restart2", ClusterFixture.Edge2Url)];
        var connected = new List<string>();
        try
        {
            foreach ((string name, string url) in viewers)
            {
                AgentConnectResult r = await agent.ConnectAsync(name, url + "/whep/demo");
                Assert.True(r.Ok, $"{name}: {r.HttpStatus} {r.Error}\n{cluster.Diagnostics()}");
                connected.Add(name);
            }
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            foreach ((string name, _) in viewers)
            {
                Assert.NotEmpty((await agent.FramesAsync(name)).Samples);
            }

            long killedNs = FrameAnalysis.UnixNowNs();
            cluster.Origin.Kill();
            await Task.Delay(TimeSpan.FromSeconds(1));
            foreach ((string name, _) in viewers)
            {
                List<VideoSample> late = (await agent.FramesAsync(name)).Samples;
                Assert.DoesNotContain(late, s => s.ReceivedUnixNs > killedNs + 300_000_000); // nothing flows with the origin dead
            }

            cluster.Origin.Start();
            await cluster.WaitStatusAsync(ClusterFixture.OriginUrl + "/healthz", 200, TimeSpan.FromSeconds(30), "origin back");
            long backNs = FrameAnalysis.UnixNowNs();
            output.WriteLine($"origin down for {(backNs - killedNs) / 1e6:0} ms (kill → its /healthz answers)");

            var resumed = new Dictionary<string, long>();
            DateTime until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (resumed.Count < viewers.Length && DateTime.UtcNow < until)
            {
                foreach ((string name, _) in viewers)
                {
                    AgentFrames got = await agent.FramesAsync(name);
                    Assert.False(got.ClosedByServer, $"{name}: the edge ended the session");
                    if (!resumed.ContainsKey(name) && got.Samples.FirstOrDefault(s => s.CaptureUnixMs * 1_000_000L > killedNs) is { ReceivedUnixNs: > 0 } first)
                    {
                        resumed[name] = first.ReceivedUnixNs;
                        output.WriteLine($"{name}: first frame from the new origin {(first.ReceivedUnixNs - backNs) / 1e6:0} ms after the origin was back " +
                            $"(counter {first.Counter}, keyframe {first.Keyframe}); {got.Counters}");
                    }
                }
                await Task.Delay(50);
            }
            foreach ((string name, _) in viewers)
            {
                Assert.True(resumed.ContainsKey(name), $"{name} got no frame within 10 s of the origin restart\n{cluster.Diagnostics()}");
                TimeSpan took = TimeSpan.FromTicks((resumed[name] - backNs) / 100);
                Assert.True(took <= Budget, $"{name} resumed {took.TotalMilliseconds:0} ms after the origin was back\n{cluster.Diagnostics()}");
            }

            foreach (string edge in new[] { ClusterFixture.Edge1Url, ClusterFixture.Edge2Url })
            {
                double? reconnects = await cluster.MetricAsync(edge, "videorelay_relay_reconnects_total");
                output.WriteLine($"{edge}: videorelay_relay_reconnects_total {reconnects}");
                Assert.True(reconnects >= 1, $"{edge} did not count a reconnect");
            }

            // …and keeps receiving, frame after frame, on the same session.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            foreach ((string name, _) in viewers)
            {
                AgentFrames got = await agent.FramesAsync(name);
                Assert.True(got.Samples.Count >= 30, $"{name}: {got.Samples.Count} frames in 1.5 s after resuming; {got.Counters}");
                Assert.Empty(FrameAnalysis.CounterGaps(got.Samples));
            }
        }
        finally
        {
            foreach (string name in connected)
            {
                await agent.CloseAsync(name);
            }
        }
    }
}
