namespace VideoRelay.Node;

/// <summary>Node-wide configuration (section "Node").</summary>
public sealed class NodeOptions
{
    /// <summary>"all" (ingest + edge in one process, the default), "origin" or "edge".</summary>
    public string Role { get; set; } = "all";

    /// <summary>HTTP port: WHEP, the player, /api, /metrics, /healthz.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>Address the HTTP server binds.</summary>
    public string HttpAddress { get; set; } = "0.0.0.0";

    /// <summary>Publish the built-in test source as stream "demo".</summary>
    public bool DemoSource { get; set; } = true;

    /// <summary>CPUs to pin the data-path threads to, round-robin (e.g. "2,3"; empty: no pinning). See docs/HOST-TUNING.md.</summary>
    public string PipelineCpus { get; set; } = "";

    /// <summary>SCHED_FIFO priority for the data-path threads (0: normal scheduling). Needs CAP_SYS_NICE / RLIMIT_RTPRIO.</summary>
    public int RealtimePriority { get; set; }

    /// <summary>mlockall(MCL_CURRENT | MCL_FUTURE) at start so no page of the process is ever swapped or faulted in late.</summary>
    public bool LockMemory { get; set; }
}
