using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace VideoRelay.Bench;

/// <summary>
/// The job every micro-benchmark runs with unless the command line adds another: one launch, 3 warm-up and
/// 10 measured iterations (minutes, not hours, for the whole set), allocations, and the median, p95 and
/// operations per second beside BenchmarkDotNet's mean: the machines are shared and noisy, so read the median.
/// </summary>
public static class BenchConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("Quick"))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.OperationsPerSecond);
}
