using BenchmarkDotNet.Running;
using VideoRelay.Bench;

// bench micro [BenchmarkDotNet args]   micro-benchmarks (ring, pool, …)
// bench hop [--seconds N]              hop latency through the SPSC ring, percentile table
string command = args.Length > 0 ? args[0] : "help";
string[] rest = args.Skip(1).ToArray();
switch (command)
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(RingBenchmarks).Assembly).Run(rest);
        return 0;
    case "hop":
        return HopLatency.Run(rest);
    default:
        Console.WriteLine("usage: bench micro [--filter *Ring*] | bench hop [--seconds 10] [--items 2000000]");
        return command == "help" ? 0 : 2;
}
