using VideoRelay.Core.Diagnostics;

namespace VideoRelay.Net.Tests;

public sealed class HostTuningTests
{
    [Fact]
    public void Pinning_a_thread_shows_in_its_cpus_allowed_list()
    {
        int cpu = Environment.ProcessorCount - 1;
        HostActionResult result = default;
        string? allowed = null;
        IReadOnlyList<int> affinity = [];
        int tid = 0;
        var thread = new Thread(() =>
        {
            tid = HostTuning.CurrentThreadId();
            result = HostTuning.TryPinCurrentThread(cpu);
            allowed = File.ReadAllLines("/proc/thread-self/status")
                .Single(l => l.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))["Cpus_allowed_list:".Length..].Trim();
            affinity = HostTuning.CurrentThreadAffinity();
        });
        thread.Start();
        thread.Join();

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(0, result.Errno);
        Assert.Equal($"thread {tid} pinned to CPU {cpu}", result.Message);
        Assert.Equal(cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), allowed);
        Assert.Equal([cpu], affinity);
    }

    [Fact]
    public void Pinning_to_a_cpu_that_does_not_exist_returns_einval_and_does_not_throw()
    {
        var result = HostTuning.TryPinCurrentThread(1000);
        Assert.False(result.Succeeded);
        Assert.Equal(22, result.Errno);
        Assert.Contains("not online", result.Message);
        Assert.Equal(22, HostTuning.TryPinCurrentThread(-1).Errno);
    }

    [Fact]
    public void Realtime_priority_is_set_on_a_short_lived_thread_or_refused_with_a_reason()
    {
        HostActionResult set = default, cleared = default;
        bool wasRealtime = false;
        var thread = new Thread(() =>
        {
            set = HostTuning.TrySetRealtimePriority(1);
            wasRealtime = HostTuning.CurrentThreadIsRealtime();
            cleared = HostTuning.TryClearRealtimePriority();
        });
        thread.Start();
        thread.Join();

        if (set.Succeeded)
        {
            Assert.True(wasRealtime);
            Assert.True(cleared.Succeeded, cleared.Message);
        }
        else
        {
            Assert.Equal(1, set.Errno); // EPERM
            Assert.Contains("CAP_SYS_NICE", set.Message);
        }
        Assert.Equal(22, HostTuning.TrySetRealtimePriority(0).Errno);
        Assert.Equal(22, HostTuning.TrySetRealtimePriority(100).Errno);
    }
}
