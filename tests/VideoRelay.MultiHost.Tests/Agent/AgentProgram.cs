namespace VideoRelay.MultiHost.Tests.Agent;

/// <summary>
/// Entry point of the test assembly when run as a program: <c>dotnet VideoRelay.MultiHost.Tests.dll agent
/// &lt;bind-address&gt; [&lt;tun-device&gt;]</c> runs the agent (see <see cref="NamespaceAgentServer"/>). The test runner never calls it.
/// </summary>
internal static class AgentProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length is < 2 or > 3 || args[0] != "agent")
        {
            await Console.Error.WriteLineAsync("usage: VideoRelay.MultiHost.Tests agent <bind-address> [<tun-device>]");
            return 2;
        }
        await using var server = new NamespaceAgentServer(args[1], args.Length == 3 ? args[2] : null);
        await server.RunAsync(Console.In, Console.Out);
        return 0;
    }
}
