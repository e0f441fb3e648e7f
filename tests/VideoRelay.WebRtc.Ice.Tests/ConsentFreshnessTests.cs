namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class ConsentFreshnessTests
{
    [Fact]
    public void Expires_after_default_30_seconds_without_checks()
    {
        var time = new FakeTimeProvider();
        var consent = new ConsentFreshness(time);
        Assert.Equal(TimeSpan.FromSeconds(30), consent.Timeout);
        time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.False(consent.IsExpired);
        time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(consent.IsExpired);
    }

    [Fact]
    public void Each_valid_check_refreshes_consent()
    {
        var time = new FakeTimeProvider();
        var consent = new ConsentFreshness(time, TimeSpan.FromSeconds(5));
        for (int i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(4));
            Assert.False(consent.IsExpired);
            consent.Refresh();
            Assert.Equal(TimeSpan.Zero, consent.SinceLastRefresh);
        }
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(consent.IsExpired);
        consent.Refresh();
        Assert.False(consent.IsExpired); // a late check restores consent; the caller decides whether to tear down
    }

    [Fact]
    public void Rejects_non_positive_timeout()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConsentFreshness(new FakeTimeProvider(), TimeSpan.Zero));
    }
}
