using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using VideoRelay.WhepClient;

namespace VideoRelay.MultiHost.Tests.Agent;

/// <summary>
/// The agent: a process started inside one of the test's network namespaces (a thread of the test process cannot
/// own sockets in another namespace reliably: <c>setns</c> is per thread and the viewer hops threads), driven by the
/// test over stdin/stdout, one JSON object per line. In the viewers' namespace it runs WHEP viewers and HTTP GETs; in
/// the router namespace it also runs the impairment wire (<see cref="TunWire"/>).
/// </summary>
/// <remarks>
/// Requests carry an <c>id</c> and an <c>op</c>; each answer carries the same <c>id</c> (answers may come out of order):
/// <code>
/// {"id":1,"op":"get","url":"http://10.199.0.1:8080/metrics"}         → {"id":1,"status":200,"body":"…"}
/// {"id":2,"op":"connect","name":"v1","url":"http://…/whep/demo"}     → {"id":2,"ok":true,"remote":"10.199.0.11:8189",…}
///                                                                       or {"id":2,"ok":false,"status":404,"reason":"…"}
/// {"id":3,"op":"frames","name":"v1"}  → the video samples since the last call, and the viewer's counters
/// {"id":4,"op":"close","name":"v1"}   → {"id":4,"deleteStatus":…}
/// {"id":5,"op":"impair","delayMs":20,"loss":0.02}  → {"id":5,"forwarded":…,"dropped":…} (the wire's counters)
/// {"id":6,"op":"wire"}                → {"id":6,"forwarded":…,"dropped":…}
/// </code>
/// Closing stdin ends the agent (its viewers are disposed first).
/// </remarks>
internal sealed class NamespaceAgentServer : IAsyncDisposable
{
    private const int MaxBodyChars = 256 * 1024;

    private readonly string _bindAddress;
    private readonly TunWire? _wire;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(15) }; // follows redirects (307 keeps POST and body)
    private readonly ConcurrentDictionary<string, AgentViewer> _viewers = new(StringComparer.Ordinal);
    private readonly Lock _writeLock = new();
    private TextWriter _output = TextWriter.Null;

    public NamespaceAgentServer(string bindAddress, string? tunDevice)
    {
        _bindAddress = bindAddress;
        _wire = tunDevice is null ? null : new TunWire(tunDevice);
    }

    public async Task RunAsync(TextReader input, TextWriter output)
    {
        _output = output;
        var pending = new List<Task>();
        Write(new JsonObject { ["id"] = 0, ["ready"] = true });
        while (await input.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }
            pending.Add(Task.Run(() => HandleAsync(line)));
            pending.RemoveAll(t => t.IsCompleted);
        }
        await Task.WhenAll(pending);
    }

    private async Task HandleAsync(string line)
    {
        JsonNode? id = null;
        JsonObject answer;
        try
        {
            JsonObject request = JsonNode.Parse(line)!.AsObject();
            id = request["id"]?.DeepClone();
            answer = request["op"]!.GetValue<string>() switch
            {
                "get" => await GetAsync(request["url"]!.GetValue<string>()),
                "connect" => await ConnectAsync(request["name"]!.GetValue<string>(), request["url"]!.GetValue<string>()),
                "frames" => Frames(request["name"]!.GetValue<string>()),
                "close" => await CloseAsync(request["name"]!.GetValue<string>()),
                "impair" => Impair(TimeSpan.FromMilliseconds(request["delayMs"]!.GetValue<double>()), request["loss"]!.GetValue<double>()),
                "wire" => Impair(null, 0),
                string op => new JsonObject { ["error"] = $"unknown op '{op}'" },
            };
        }
        catch (Exception e)
        {
            answer = new JsonObject { ["error"] = e.ToString() };
        }
        answer["id"] = id;
        Write(answer);
    }

    private async Task<JsonObject> GetAsync(string url)
    {
        try
        {
            using HttpResponseMessage response = await _http.GetAsync(url);
            string body = await response.Content.ReadAsStringAsync();
            return new JsonObject { ["status"] = (int)response.StatusCode, ["body"] = body.Length > MaxBodyChars ? body[..MaxBodyChars] : body };
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new JsonObject { ["status"] = 0, ["body"] = e.Message };
        }
    }

    private async Task<JsonObject> ConnectAsync(string name, string url)
    {
        var recorder = new AgentViewer();
        if (!_viewers.TryAdd(name, recorder))
        {
            return new JsonObject { ["error"] = $"viewer '{name}' exists" };
        }
        var options = new WhepViewerOptions
        {
            BindAddress = _bindAddress,
            Http = _http,
            FrameQueueCapacity = 0,
            OnFrame = recorder.OnFrame,
        };
        long start = Stopwatch.GetTimestamp();
        try
        {
            recorder.Viewer = await WhepViewer.ConnectAsync(new Uri(url), options);
        }
        catch (Exception e) when (e is WhepConnectException or HttpRequestException or TaskCanceledException)
        {
            _viewers.TryRemove(name, out _);
            return new JsonObject
            {
                ["ok"] = false,
                ["status"] = e is WhepConnectException w ? w.HttpStatus : 0,
                ["reason"] = e.Message,
                ["connectMs"] = Stopwatch.GetElapsedTime(start).TotalMilliseconds,
            };
        }
        WhepViewer v = recorder.Viewer;
        return new JsonObject
        {
            ["ok"] = true,
            ["remote"] = v.RemoteEndPoint.ToString(),
            ["local"] = v.LocalEndPoint.ToString(),
            ["session"] = v.SessionUrl.ToString(),
            ["connectMs"] = Stopwatch.GetElapsedTime(start).TotalMilliseconds,
        };
    }

    private JsonObject Frames(string name)
    {
        if (!_viewers.TryGetValue(name, out AgentViewer? recorder) || recorder.Viewer is not { } v)
        {
            return new JsonObject { ["error"] = $"no viewer '{name}'" };
        }
        var frames = new JsonArray();
        foreach (VideoSample s in recorder.Drain())
        {
            frames.Add(new JsonArray(s.RtpTimestamp, s.Counter, s.CaptureUnixMs, s.ReceivedUnixNs, s.Keyframe));
        }
        WhepViewerCounters c = v.Counters;
        return new JsonObject
        {
            ["frames"] = frames,
            ["counters"] = c.ToString(),
            ["videoFrames"] = c.VideoFrames,
            ["framesDropped"] = c.FramesDropped,
            ["packetsLost"] = c.PacketsLost,
            ["consentChecksSent"] = c.ConsentChecksSent,
            ["consentResponses"] = c.ConsentResponses,
            ["closedByServer"] = v.ClosedByServer,
            ["receiveFailure"] = v.ReceiveFailure?.ToString(),
        };
    }

    private async Task<JsonObject> CloseAsync(string name)
    {
        if (!_viewers.TryRemove(name, out AgentViewer? recorder) || recorder.Viewer is not { } v)
        {
            return new JsonObject { ["error"] = $"no viewer '{name}'" };
        }
        await v.DisposeAsync();
        return new JsonObject { ["deleteStatus"] = v.DeleteStatus, ["session"] = v.SessionUrl.ToString() };
    }

    private JsonObject Impair(TimeSpan? delay, double loss)
    {
        if (_wire is null)
        {
            return new JsonObject { ["error"] = "this agent runs no wire" };
        }
        if (delay is { } d)
        {
            _wire.SetImpairment(d, loss);
        }
        return new JsonObject { ["forwarded"] = _wire.Forwarded, ["dropped"] = _wire.Dropped };
    }

    private void Write(JsonObject message)
    {
        string text = message.ToJsonString();
        lock (_writeLock)
        {
            _output.WriteLine(text);
            _output.Flush();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (AgentViewer recorder in _viewers.Values)
        {
            if (recorder.Viewer is { } v)
            {
                await v.DisposeAsync();
            }
        }
        _viewers.Clear();
        _http.Dispose();
        _wire?.Dispose();
    }
}
