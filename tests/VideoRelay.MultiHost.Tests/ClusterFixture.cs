using System.Globalization;
using VideoRelay.MultiHost.Tests.Infrastructure;

namespace VideoRelay.MultiHost.Tests;

/// <summary>
/// One network (<see cref="TestNetwork"/>) and one cluster for the whole collection: an origin publishing the demo
/// stream at 640x360, two edges pulling from it over the routed origin links, a front door and the viewer agent in
/// the viewers' namespace, and the impairment wire in the router namespace. Tests that kill a node leave it dead; <see cref="EnsureUpAsync"/> at the start of each test
/// restarts whatever is down. Everything (processes, namespaces) goes at dispose, also when start-up failed.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Secret = "multihost-cluster-secret";
    public const int HttpPort = 8080;
    public const int RelayPort = 9100;
    public const int EdgeUdpPort = 8189;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly List<NodeProcess> _extra = [];
    private int _disposed;

    internal TestNetwork Net { get; private set; } = null!;
    internal NodeProcess Origin { get; private set; } = null!;
    internal NodeProcess Edge1 { get; private set; } = null!;
    internal NodeProcess Edge2 { get; private set; } = null!;
    internal NodeProcess FrontDoor { get; private set; } = null!;
    internal NamespaceAgent Agent { get; private set; } = null!;

    /// <summary>The agent in the router namespace that runs the wire every origin-link packet passes (see <see cref="TestNetwork"/>).</summary>
    internal NamespaceAgent Wire { get; private set; } = null!;

    public static string OriginUrl => Url(TestNetwork.OriginLan);
    public static string Edge1Url => Url(TestNetwork.Edge1Lan);
    public static string Edge2Url => Url(TestNetwork.Edge2Lan);
    public static string FrontDoorUrl => Url(TestNetwork.ViewersLan);

    /// <summary>host:port edges pull the relay from.</summary>
    public static string OriginRelay => $"{TestNetwork.OriginRelayAddress}:{RelayPort}";

    public static string Url(string address, int port = HttpPort) => $"http://{address}:{port}";

    private static string NodeDll => Path.Combine(AppContext.BaseDirectory, "VideoRelay.Node.dll");

    public async Task InitializeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            Net = TestNetwork.Create();
            Wire = new NamespaceAgent("wire", Net.Router, TestNetwork.RouterAddress, TestNetwork.WireDevice);
            await Wire.WaitReadyAsync();
            Origin = NewNode("origin", Net.Origin,
                "--Node:Role=origin", $"--Relay:Port={RelayPort}",
                "--Demo:Width=640", "--Demo:Height=360", "--Demo:BitrateKbps=1000", "--Ingest:RtmpPort=0", "--Ingest:SrtPort=0").Start();
            Edge1 = NewEdge("edge1", Net.Edge1, TestNetwork.Edge1Lan, OriginRelay).Start();
            Edge2 = NewEdge("edge2", Net.Edge2, TestNetwork.Edge2Lan, OriginRelay).Start();
            FrontDoor = NewNode("frontdoor", Net.Viewers,
                "--Node:Role=frontdoor", $"--FrontDoor:Edges={Edge1Url},{Edge2Url}", $"--FrontDoor:Origin={OriginUrl}").Start();
            Agent = new NamespaceAgent("viewer-agent", Net.Viewers, TestNetwork.ViewersLan);
            await Agent.WaitReadyAsync();
            await EnsureUpAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A node process in <paramref name="ns"/> with the common arguments (any HTTP address, info logs) and these.</summary>
    internal NodeProcess NewNode(string name, string ns, params string[] args) => new(name, ns, NodeDll,
    [
        $"--Node:HttpPort={HttpPort}", "--Node:HttpAddress=0.0.0.0", $"--Relay:Secret={Secret}",
        "--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        .. args,
    ]);

    /// <summary>An edge announcing <paramref name="lanAddress"/> to viewers and pulling from <paramref name="upstream"/> (host:port).</summary>
    internal NodeProcess NewEdge(string name, string ns, string lanAddress, string upstream, params string[] args) => NewNode(name, ns,
    [
        "--Node:Role=edge", $"--Relay:Origin={upstream}", $"--Edge:UdpPort={EdgeUdpPort}", $"--Edge:AnnouncedAddress={lanAddress}", "--Edge:BindAddress=0.0.0.0",
        .. args,
    ]);

    /// <summary>Starts an extra node for one test (killed at the end of the test by the caller, and at dispose anyway).</summary>
    internal NodeProcess StartExtra(NodeProcess node)
    {
        lock (_extra)
        {
            _extra.Add(node);
        }
        return node.Start();
    }

    /// <summary>Restarts whatever is down, then waits until the origin is healthy, both edges ready and the front door sees both.</summary>
    public async Task EnsureUpAsync()
    {
        Assert.True(Wire.IsRunning && Agent.IsRunning, "an agent died\n" + Diagnostics());
        foreach (NodeProcess node in new[] { Origin, Edge1, Edge2, FrontDoor })
        {
            if (!node.IsRunning)
            {
                node.Start();
            }
        }
        await WaitStatusAsync(OriginUrl + "/healthz", 200, StartTimeout, "origin healthy");
        await WaitStatusAsync(Edge1Url + "/readyz", 200, StartTimeout, "edge1 ready (connected to the origin)");
        await WaitStatusAsync(Edge2Url + "/readyz", 200, StartTimeout, "edge2 ready (connected to the origin)");
        await WaitUntilAsync(() => Task.FromResult(FrontDoorSeesHealthy(Edge1Url) && FrontDoorSeesHealthy(Edge2Url)), StartTimeout, "front door sees both edges healthy");
    }

    /// <summary>
    /// Whether the front door currently counts an edge healthy, read from its log: it logs every change ("Edge X is
    /// healthy" / "is unhealthy"); with no line yet the edge has been healthy since the first poll (1 s period).
    /// </summary>
    internal bool FrontDoorSeesHealthy(string edgeUrl)
    {
        string? last = FrontDoor.LinesSince(0).LastOrDefault(l => l.Contains($"Edge {edgeUrl} is", StringComparison.Ordinal));
        return last is null
            ? DateTime.UtcNow - FrontDoor.StartedUtc > TimeSpan.FromSeconds(2.5)
            : last.Contains(" is healthy", StringComparison.Ordinal);
    }

    internal async Task WaitStatusAsync(string url, int status, TimeSpan timeout, string what) =>
        await WaitUntilAsync(async () => (await Agent.GetAsync(url)).Status == status, timeout, what);

    internal async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        DateTime until = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds} s waiting for: {what}\n{Diagnostics()}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>A counter or gauge from a node's /metrics (the sum over its label sets), or null when absent.</summary>
    internal async Task<double?> MetricAsync(string baseUrl, string name)
    {
        (int status, string body) = await Agent.GetAsync(baseUrl + "/metrics");
        if (status != 200)
        {
            return null;
        }
        double? sum = null;
        foreach (string line in body.Split('\n'))
        {
            if (line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{'
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                sum = (sum ?? 0) + value;
            }
        }
        return sum;
    }

    /// <summary>The tails of every process's output, for assertion messages.</summary>
    internal string Diagnostics()
    {
        var nodes = new List<NodeProcess?> { Origin, Edge1, Edge2, FrontDoor, Agent?.Process, Wire?.Process };
        lock (_extra)
        {
            nodes.AddRange(_extra);
        }
        return string.Join("\n", nodes.Where(n => n is not null).Select(n => n!.Tail(25)));
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().GetAwaiter().GetResult();

    public Task DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return Task.CompletedTask;
        }
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Agent?.Dispose();
        lock (_extra)
        {
            _extra.ForEach(n => n.Dispose());
        }
        foreach (NodeProcess? node in new[] { FrontDoor, Edge2, Edge1, Origin })
        {
            node?.Dispose();
        }
        Wire?.Dispose();
        Net?.Dispose(); // also kills anything left in our namespaces
        return Task.CompletedTask;
    }
}
