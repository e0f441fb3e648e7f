using System.Net.Http.Json;

namespace VideoRelay.Node;

/// <summary>
/// Polls every edge's /api/load and sends each new viewer to the least-loaded healthy one (WHEP POST → 307).
/// An edge that does not answer, answers not-ready, or is full is skipped until it recovers.
/// </summary>
internal sealed class FrontDoor : BackgroundService
{
    private readonly FrontDoorOptions _options;
    private readonly ILogger<FrontDoor> _log;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(1) };
    private readonly string[] _edges;
    private readonly EdgeLoad?[] _loads;
    private readonly int[] _assignedSincePoll;

    public FrontDoor(FrontDoorOptions options, ILogger<FrontDoor> log)
    {
        _options = options;
        _log = log;
        _edges = options.Edges.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(e => e.TrimEnd('/')).ToArray();
        _loads = new EdgeLoad?[_edges.Length];
        _assignedSincePoll = new int[_edges.Length];
        if (_edges.Length == 0)
        {
            log.LogWarning("Front door has no edges (set FrontDoor:Edges)");
        }
    }

    public IReadOnlyList<string> Edges => _edges;

    /// <summary>The base URL of the least-loaded healthy edge, or null when none is.</summary>
    public string? Pick()
    {
        int best = -1;
        double bestScore = double.MaxValue;
        lock (_loads)
        {
            for (int i = 0; i < _edges.Length; i++)
            {
                if (_loads[i] is not { Ready: true } load || load.Viewers + _assignedSincePoll[i] >= load.MaxViewers)
                {
                    continue;
                }
                double score = (load.Viewers + _assignedSincePoll[i]) / (double)Math.Max(1, load.MaxViewers);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = i;
                }
            }
            if (best >= 0)
            {
                _assignedSincePoll[best]++; // until the next poll shows it, count the viewer we just sent
            }
        }
        return best < 0 ? null : _edges[best];
    }

    /// <summary>Some healthy edge (for proxying read-only API calls), or null.</summary>
    public string? AnyHealthy()
    {
        lock (_loads)
        {
            for (int i = 0; i < _edges.Length; i++)
            {
                if (_loads[i] is { Ready: true })
                {
                    return _edges[i];
                }
            }
        }
        return null;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bad = new bool[_edges.Length];
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAll(_edges.Select(async (edge, i) =>
            {
                EdgeLoad? load = null;
                try
                {
                    load = await _http.GetFromJsonAsync<EdgeLoad>(edge + "/api/load", NodeApp.Json, stoppingToken);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
                {
                    load = null;
                }
                lock (_loads)
                {
                    _loads[i] = load;
                    _assignedSincePoll[i] = 0;
                }
                bool isBad = load is not { Ready: true };
                if (isBad != bad[i])
                {
                    bad[i] = isBad;
                    if (isBad)
                    {
                        _log.LogWarning("Edge {Edge} is unhealthy; new viewers go elsewhere", edge);
                    }
                    else
                    {
                        _log.LogInformation("Edge {Edge} is healthy ({Viewers} viewers)", edge, load!.Viewers);
                    }
                }
            }));
            await Task.Delay(TimeSpan.FromSeconds(_options.PollSeconds), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }
}
