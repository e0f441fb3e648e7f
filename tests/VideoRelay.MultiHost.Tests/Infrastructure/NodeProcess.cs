using System.Diagnostics;

namespace VideoRelay.MultiHost.Tests.Infrastructure;

/// <summary>
/// A program run inside a namespace with <c>ip netns exec &lt;ns&gt; dotnet &lt;dll&gt; args…</c> (ip execs the
/// program, so the process id is the program's), its stdout and stderr kept (the last lines) for failure messages.
/// Can be killed and started again with the same arguments.
/// </summary>
internal sealed class NodeProcess : IDisposable
{
    private const int KeptLines = 2000;

    private readonly string _dll;
    private readonly string[] _args;
    private readonly List<string> _lines = [];
    private long _dropped;
    private Process? _process;

    public NodeProcess(string name, string ns, string dll, params string[] args)
    {
        Name = name;
        Namespace = ns;
        _dll = dll;
        _args = args;
    }

    public string Name { get; }
    public string Namespace { get; }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>When the program was last started.</summary>
    public DateTime StartedUtc { get; private set; }

    /// <summary>Which stdout lines are kept for <see cref="Tail"/> (default: all).</summary>
    public Func<string, bool>? KeepLine { get; set; }

    /// <summary>Raised for every stdout line (on a thread-pool thread).</summary>
    public event Action<string>? StdoutLine;

    public NodeProcess Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is running");
        }
        _process?.Dispose();
        var psi = new ProcessStartInfo("ip", ["netns", "exec", Namespace, "dotnet", _dll, .. _args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        psi.Environment["DOTNET_gcServer"] = "0"; // many processes on 2 shared cores: workstation GC
        var p = new Process { StartInfo = psi, EnableRaisingEvents = true };
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                if (KeepLine?.Invoke(line) ?? true)
                {
                    Keep(line);
                }
                StdoutLine?.Invoke(line);
            }
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                Keep("stderr: " + line);
            }
        };
        Keep($"---- start {DateTime.UtcNow:HH:mm:ss.fff}: ip netns exec {Namespace} dotnet {Path.GetFileName(_dll)} {string.Join(' ', _args)}");
        p.Start();
        StartedUtc = DateTime.UtcNow;
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        return this;
    }

    /// <summary>Writes one line to the program's stdin.</summary>
    public void WriteLine(string line)
    {
        Process p = _process ?? throw new InvalidOperationException($"{Name} not started");
        lock (p)
        {
            p.StandardInput.WriteLine(line);
            p.StandardInput.Flush();
        }
    }

    /// <summary>SIGKILL (a crash, not a graceful stop), and waits for the exit.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            Keep($"---- kill {DateTime.UtcNow:HH:mm:ss.fff}");
            p.Kill(entireProcessTree: true);
            p.WaitForExit(5000);
        }
    }

    /// <summary>How many lines the program has written so far (a mark for <see cref="LinesSince"/>).</summary>
    public long LineCount
    {
        get
        {
            lock (_lines)
            {
                return _dropped + _lines.Count;
            }
        }
    }

    /// <summary>The lines written after <paramref name="mark"/> (a <see cref="LineCount"/>) that are still kept.</summary>
    public string[] LinesSince(long mark)
    {
        lock (_lines)
        {
            int skip = (int)Math.Clamp(mark - _dropped, 0, _lines.Count);
            return [.. _lines.Skip(skip)];
        }
    }

    /// <summary>The last lines of output, for assertion messages.</summary>
    public string Tail(int lines = 40)
    {
        string[] all = LinesSince(0);
        return $"==== {Name} ({Namespace}) last {Math.Min(lines, all.Length)} lines:\n" + string.Join('\n', all.TakeLast(lines));
    }

    private void Keep(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
            if (_lines.Count > KeptLines)
            {
                _lines.RemoveRange(0, KeptLines / 2);
                _dropped += KeptLines / 2;
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
        _process = null;
    }
}
