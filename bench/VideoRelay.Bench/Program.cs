using BenchmarkDotNet.Running;
using VideoRelay.Bench;
using VideoRelay.Bench.Transcode;

// bench micro [BenchmarkDotNet args]   micro-benchmarks (ring, pool, SRTP, viewer send, H.264 packetizer, STUN, UDP send)
// bench hop [--items N] [--pace-ns N]  hop latency through the SPSC ring, percentile table
// bench transcode [--source 720|1080] [--seconds N] …   the default ladder through the transcoder (see TranscodeBench)
string command = args.Length > 0 ? args[0] : "help";
string[] rest = args.Skip(1).ToArray();
switch (command)
{
    case "micro":
        BenchmarkSwitcher.FromAssembly(typeof(RingBenchmarks).Assembly).Run(rest, BenchConfig.Create());
        return 0;
    case "hop":
        return HopLatency.Run(rest);
    case "transcode":
        return TranscodeBench.Run(rest);
    case "latency":
        return VideoRelay.Bench.Latency.LatencyBench.Run(rest);
    default:
        Console.WriteLine("usage: bench micro [--filter *Ring*] | bench hop [--items 1000000] [--pace-ns 2000] | " +
            "bench transcode [--source 720|1080] [--seconds 10] [--warmup 2] [--content pattern|testsrc2] [--mode both|unpaced|paced]");
        return command == "help" ? 0 : 2;
}
