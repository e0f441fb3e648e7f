using VideoRelay.MultiHost.Tests.Agent;
using VideoRelay.MultiHost.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VideoRelay.MultiHost.Tests;

/// <summary>
/// Issue 8, test 2: 20 ms delay and 2 % loss, each direction, on the origin links (the wire in the router namespace:
/// the netem this kernel lacks, see <see cref="TestNetwork"/>). The relay is TCP, so viewers still get every frame
/// (no hole in the SEI frame counters); latency grows by a bounded amount.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class ImpairmentTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(20);
    private const double Loss = 0.02;

    [Fact]
    public async Task Delay_and_loss_on_the_origin_links_lose_no_frame_and_add_bounded_latency()
    {
        await cluster.EnsureUpAsync();
        NamespaceAgent agent = cluster.Agent;
        (string Name, string Url)[] viewers = [("impair1", ClusterFixture.Edge1Url), ("impair2", ClusterFixture.Edge2Url)];
        var all = viewers.ToDictionary(v => v.Name, _ => new List<VideoSample>());
        var before = new List<VideoSample>();
        var after = new List<VideoSample>();
        var connected = new List<string>();
        try
        {
            foreach ((string name, string url) in viewers)
            {
                AgentConnectResult r = await agent.ConnectAsync(name, url + "/whep/demo");
                Assert.True(r.Ok, $"{name}: {r.HttpStatus} {r.Error}\n{cluster.Diagnostics()}");
                connected.Add(name);
            }
            await Task.Delay(TimeSpan.FromSeconds(2.5)); // past the GOP-cache start
            await DrainAsync(all, null);
            await Task.Delay(TimeSpan.FromSeconds(4));
            await DrainAsync(all, before);

            (long forwarded0, long dropped0) = await cluster.Wire.ImpairAsync(Delay, Loss);
            await Task.Delay(TimeSpan.FromSeconds(6));
            (long forwarded1, long dropped1) = await cluster.Wire.ImpairAsync(TimeSpan.Zero, 0);
            await DrainAsync(all, after);
            long passed = forwarded1 - forwarded0, dropped = dropped1 - dropped0;
            output.WriteLine($"wire on the origin links: {passed} packets passed with {Delay.TotalMilliseconds} ms delay, {dropped} dropped ({100.0 * dropped / Math.Max(1, passed + dropped):0.0} %)");
            Assert.True(dropped > 0, "the wire dropped nothing");

            output.WriteLine($"latency (viewer receive − SEI capture), both viewers, before: {FrameAnalysis.Describe(before)}");
            output.WriteLine($"latency with {Delay.TotalMilliseconds} ms + {Loss:P0} loss each way on the origin links: {FrameAnalysis.Describe(after)}");
            foreach ((string name, List<VideoSample> samples) in all)
            {
                Assert.Empty(FrameAnalysis.CounterGaps(samples));
                Assert.Empty(FrameAnalysis.RtpGaps(samples));
                output.WriteLine($"{name}: {samples.Count} frames, counters {samples[0].Counter}…{samples[^1].Counter} with no hole");
            }
            double p50Before = FrameAnalysis.LatencyPercentile(before, 50), p50After = FrameAnalysis.LatencyPercentile(after, 50);
            double p99After = FrameAnalysis.LatencyPercentile(after, 99);
            Assert.True(after.Count >= 2 * 6 * 30 * 0.9, $"only {after.Count} frames in 6 s of impairment");
            Assert.True(p50After >= p50Before + 15, $"the delay had no visible effect: p50 {p50Before:0.0} → {p50After:0.0} ms");
            Assert.True(p50After <= p50Before + 60, $"p50 {p50Before:0.0} → {p50After:0.0} ms: more than 60 ms extra for 20 ms of delay");
            Assert.True(p99After <= 600, $"p99 under impairment {p99After:0.0} ms");
        }
        finally
        {
            await cluster.Wire.ImpairAsync(TimeSpan.Zero, 0);
            foreach (string name in connected)
            {
                await agent.CloseAsync(name);
            }
        }
    }

    private async Task DrainAsync(Dictionary<string, List<VideoSample>> all, List<VideoSample>? phase)
    {
        foreach ((string name, List<VideoSample> samples) in all)
        {
            AgentFrames got = await cluster.Agent.FramesAsync(name);
            samples.AddRange(got.Samples);
            phase?.AddRange(got.Samples);
        }
    }
}
