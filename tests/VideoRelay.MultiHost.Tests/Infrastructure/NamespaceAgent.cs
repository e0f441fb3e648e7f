using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using VideoRelay.MultiHost.Tests.Agent;

namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>
/// The test's handle on an agent process in one of its namespaces (see <see cref="NamespaceAgentServer"/>): HTTP
/// GETs and WHEP viewers made there, the impairment wire of the router namespace; answers matched by request id.
/// </summary>
internal sealed class NamespaceAgent : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly NodeProcess _process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonObject>> _pending = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextId;

    public NamespaceAgent(string name, string ns, string bindAddress, string? tunDevice = null)
    {
        _process = new NodeProcess(name, ns, typeof(AgentProgram).Assembly.Location, ["agent", bindAddress, .. tunDevice is null ? Array.Empty<string>() : [tunDevice]]);
        _process.KeepLine = line => !line.StartsWith('{'); // answers are not worth keeping for failure messages
        _process.StdoutLine += OnLine;
        _process.Start();
    }

    public NodeProcess Process => _process;

    public async Task WaitReadyAsync()
    {
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>GET from inside the viewers' namespace: (status, body); status 0 when the connection failed.</summary>
    public async Task<(int Status, string Body)> GetAsync(string url)
    {
        JsonObject a = await CallAsync(new JsonObject { ["op"] = "get", ["url"] = url });
        return (a["status"]!.GetValue<int>(), a["body"]!.GetValue<string>());
    }

    /// <summary>Connects a WHEP viewer named <paramref name="name"/> (it records every video access unit from then on).</summary>
    public async Task<AgentConnectResult> ConnectAsync(string name, string whepUrl)
    {
        JsonObject a = await CallAsync(new JsonObject { ["op"] = "connect", ["name"] = name, ["url"] = whepUrl });
        return a["ok"]!.GetValue<bool>()
            ? new AgentConnectResult(true, 0, "", a["remote"]!.GetValue<string>(), a["session"]!.GetValue<string>(), a["connectMs"]!.GetValue<double>())
            : new AgentConnectResult(false, a["status"]!.GetValue<int>(), a["reason"]!.GetValue<string>(), "", "", a["connectMs"]!.GetValue<double>());
    }

    /// <summary>The video samples a viewer received since the last call, and its counters.</summary>
    public async Task<AgentFrames> FramesAsync(string name)
    {
        JsonObject a = await CallAsync(new JsonObject { ["op"] = "frames", ["name"] = name });
        var samples = new List<VideoSample>();
        foreach (JsonNode? f in a["frames"]!.AsArray())
        {
            JsonArray x = f!.AsArray();
            samples.Add(new VideoSample(x[0]!.GetValue<uint>(), x[1]!.GetValue<long>(), x[2]!.GetValue<long>(), x[3]!.GetValue<long>(), x[4]!.GetValue<bool>()));
        }
        return new AgentFrames(samples, a["counters"]!.GetValue<string>(), a["consentChecksSent"]!.GetValue<long>(), a["consentResponses"]!.GetValue<long>(),
            a["closedByServer"]!.GetValue<bool>(), a["receiveFailure"]?.GetValue<string>());
    }

    /// <summary>Disposes a viewer (DELETE to its session URL, DTLS close_notify); the DELETE's HTTP status.</summary>
    public async Task<int> CloseAsync(string name)
    {
        JsonObject a = await CallAsync(new JsonObject { ["op"] = "close", ["name"] = name });
        return a["deleteStatus"]?.GetValue<int>() ?? -1;
    }

    /// <summary>Sets the wire's delay (each direction) and loss probability; its (forwarded, dropped) packet counts.</summary>
    public async Task<(long Forwarded, long Dropped)> ImpairAsync(TimeSpan delay, double loss)
    {
        JsonObject a = await CallAsync(new JsonObject { ["op"] = "impair", ["delayMs"] = delay.TotalMilliseconds, ["loss"] = loss });
        return (a["forwarded"]!.GetValue<long>(), a["dropped"]!.GetValue<long>());
    }

    /// <summary>Whether the agent process still runs.</summary>
    public bool IsRunning => _process.IsRunning;

    private async Task<JsonObject> CallAsync(JsonObject request)
    {
        long id = Interlocked.Increment(ref _nextId);
        request["id"] = id;
        var tcs = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = tcs;
        try
        {
            _process.WriteLine(request.ToJsonString());
            JsonObject answer = await tcs.Task.WaitAsync(CallTimeout);
            if (answer["error"] is { } error)
            {
                throw new InvalidOperationException($"viewer agent: {error}\n{_process.Tail()}");
            }
            return answer;
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"viewer agent did not answer {request.ToJsonString()} in {CallTimeout.TotalSeconds} s\n{_process.Tail()}");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private void OnLine(string line)
    {
        if (!line.StartsWith('{'))
        {
            return;
        }
        JsonObject message;
        try
        {
            message = JsonNode.Parse(line)!.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
            return;
        }
        long id = message["id"]?.GetValue<long>() ?? -1;
        if (id == 0)
        {
            _ready.TrySetResult();
        }
        else if (_pending.TryGetValue(id, out TaskCompletionSource<JsonObject>? tcs))
        {
            tcs.TrySetResult(message);
        }
    }

    public void Dispose() => _process.Dispose();
}
