namespace VideoRelay.WebRtc.Ice.Tests;

/// <summary>A manual clock: time moves only when a test calls <see cref="Advance"/>.</summary>
internal sealed class FakeTimeProvider : TimeProvider
{
    private long _ticks = 1_000_000;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
