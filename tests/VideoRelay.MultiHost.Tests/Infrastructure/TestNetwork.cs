namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>
/// The test's own little network, made of Linux network namespaces with a random suffix (so parallel runs never
/// meet) and deleted at <see cref="Dispose"/>:
/// <code>
///                        LAN 10.199.0.0/24 (bridge br0 in namespace vr-lan-SFX)
///        ┌──────────────────┬──────────────────┬──────────────────┐
///   lan0 10.199.0.1    lan0 10.199.0.11   lan0 10.199.0.12   lan0 10.199.0.100
///   vr-origin-SFX      vr-edge1-SFX       vr-edge2-SFX       vr-viewers-SFX
///   up0 10.199.10.1    up0 10.199.11.2    up0 10.199.12.2    (front door, viewer agent)
///        │                  │                  │
///   o0 10.199.10.254   e1 10.199.11.254   e2 10.199.12.254
///   └────────── vr-wire-SFX: router, everything through TUN wire0 ──┘
/// </code>
/// Viewers reach the edges (and the origin's HTTP API) over the LAN. Edges pull from the origin over the origin
/// links, routed through the router namespace, whose policy routing sends every packet coming in from o0, e1 or e2
/// into the TUN device <see cref="WireDevice"/>; the agent there (<c>TunWire</c>) writes each back after a delay or
/// drops it, so it can impair the origin links and nothing else. (The kernel here has no sch_netem, so
/// <c>tc qdisc … netem</c> is not available; the wire does the same in user space.)
/// </summary>
internal sealed class TestNetwork : IDisposable
{
    public const string OriginLan = "10.199.0.1";
    public const string Edge1Lan = "10.199.0.11";
    public const string Edge2Lan = "10.199.0.12";
    public const string ViewersLan = "10.199.0.100";

    /// <summary>The origin's address on its link to the router: where edges pull the relay from.</summary>
    public const string OriginRelayAddress = "10.199.10.1";

    public const string RouterAddress = "10.199.10.254";
    public const string WireDevice = "wire0";
    private const string WireTable = "100";

    private readonly List<string> _namespaces = [];
    private int _disposed;

    private TestNetwork(string suffix)
    {
        Suffix = suffix;
        Lan = $"vr-lan-{suffix}";
        Router = $"vr-wire-{suffix}";
        Origin = $"vr-origin-{suffix}";
        Edge1 = $"vr-edge1-{suffix}";
        Edge2 = $"vr-edge2-{suffix}";
        Viewers = $"vr-viewers-{suffix}";
    }

    public string Suffix { get; }
    public string Lan { get; }
    public string Router { get; }
    public string Origin { get; }
    public string Edge1 { get; }
    public string Edge2 { get; }
    public string Viewers { get; }

    /// <summary>Builds the network; on any failure deletes what was made and throws (the message has the failing command).</summary>
    public static TestNetwork Create()
    {
        var net = new TestNetwork(Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()))[..6]);
        try
        {
            net.Build();
            return net;
        }
        catch
        {
            net.Dispose();
            throw;
        }
    }

    private void Build()
    {
        foreach (string ns in new[] { Lan, Router, Origin, Edge1, Edge2, Viewers })
        {
            NetNs.Ip("netns", "add", ns);
            _namespaces.Add(ns);
            NetNs.Ip("-n", ns, "link", "set", "lo", "up");
        }
        NetNs.Ip("-n", Lan, "link", "add", "br0", "type", "bridge");
        NetNs.Ip("-n", Lan, "link", "set", "br0", "up");
        (string Ns, string Address)[] lan = [(Origin, OriginLan), (Edge1, Edge1Lan), (Edge2, Edge2Lan), (Viewers, ViewersLan)];
        for (int i = 0; i < lan.Length; i++)
        {
            // Both ends are made inside namespaces, so no interface ever appears in the host's namespace.
            string port = $"p{i}";
            NetNs.Ip("-n", Lan, "link", "add", port, "type", "veth", "peer", "name", "lan0", "netns", lan[i].Ns);
            NetNs.Ip("-n", Lan, "link", "set", port, "master", "br0");
            NetNs.Ip("-n", Lan, "link", "set", port, "up");
            NetNs.Ip("-n", lan[i].Ns, "addr", "add", lan[i].Address + "/24", "dev", "lan0");
            NetNs.Ip("-n", lan[i].Ns, "link", "set", "lan0", "up");
        }

        NetNs.Run("ip", "netns", "exec", Router, "sh", "-c",
            "echo 1 > /proc/sys/net/ipv4/ip_forward && echo 0 > /proc/sys/net/ipv4/conf/all/rp_filter && echo 0 > /proc/sys/net/ipv4/conf/default/rp_filter");
        NetNs.Ip("-n", Router, "tuntap", "add", "dev", WireDevice, "mode", "tun");
        NetNs.Ip("-n", Router, "link", "set", WireDevice, "up");
        NetNs.Ip("-n", Router, "route", "add", "default", "dev", WireDevice, "table", WireTable);
        RouterLink(Origin, "o0", "10.199.10", 1);
        RouterLink(Edge1, "e1", "10.199.11", 2);
        RouterLink(Edge2, "e2", "10.199.12", 2);
        foreach (string edge in new[] { Edge1, Edge2 })
        {
            string subnet = edge == Edge1 ? "10.199.11" : "10.199.12";
            NetNs.Ip("-n", edge, "route", "add", "10.199.10.0/24", "via", subnet + ".254");
            NetNs.Ip("-n", Origin, "route", "add", subnet + ".0/24", "via", RouterAddress);
        }
    }

    /// <summary>A veth between <paramref name="ns"/> (up0, subnet.host) and the router (device, subnet.254), whose traffic goes through the wire.</summary>
    private void RouterLink(string ns, string routerDevice, string subnet, int host)
    {
        NetNs.Ip("-n", Router, "link", "add", routerDevice, "type", "veth", "peer", "name", "up0", "netns", ns);
        NetNs.Ip("-n", Router, "addr", "add", subnet + ".254/24", "dev", routerDevice);
        NetNs.Ip("-n", Router, "link", "set", routerDevice, "up");
        NetNs.Ip("-n", Router, "rule", "add", "iif", routerDevice, "lookup", WireTable);
        NetNs.Ip("-n", ns, "addr", "add", $"{subnet}.{host}/24", "dev", "up0");
        NetNs.Ip("-n", ns, "link", "set", "up0", "up");
    }

    /// <summary>Kills whatever still runs in our namespaces (only processes this test started live there), then deletes them.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        foreach (string ns in _namespaces)
        {
            string pids = NetNs.TryRun("ip", "netns", "pids", ns) ?? "";
            foreach (string pid in pids.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (int.TryParse(pid, out int id))
                {
                    try
                    {
                        using var p = System.Diagnostics.Process.GetProcessById(id);
                        p.Kill();
                        p.WaitForExit(2000);
                    }
                    catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                    {
                        // already gone
                    }
                }
            }
        }
        foreach (string ns in _namespaces)
        {
            NetNs.TryRun("ip", "netns", "del", ns);
        }
        _namespaces.Clear();
    }
}
