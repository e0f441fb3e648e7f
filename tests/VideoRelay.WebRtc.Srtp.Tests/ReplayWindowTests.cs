using VideoRelay.WebRtc.Srtp.Internal;

namespace VideoRelay.WebRtc.Srtp.Tests;

public sealed class ReplayWindowTests
{
    [Fact]
    public void Fresh_window_accepts_anything()
    {
        var window = new ReplayWindow();
        Assert.False(window.IsReplay(0));
        Assert.False(window.IsReplay(123456));
        Assert.False(window.IsStarted);
    }

    [Fact]
    public void Tracks_each_of_the_last_128_indices()
    {
        var window = new ReplayWindow();
        for (ulong i = 1000; i < 1300; i += 2)
        {
            window.Accept(i);
        }

        Assert.Equal(1298UL, window.Highest);
        for (ulong i = 1298 - 127; i <= 1298; i++)
        {
            Assert.Equal(i % 2 == 0, window.IsReplay(i));
        }

        Assert.True(window.IsReplay(1298 - 128));
        Assert.False(window.IsReplay(1299));
    }

    [Fact]
    public void A_jump_beyond_the_window_forgets_everything_older()
    {
        var window = new ReplayWindow();
        window.Accept(5);
        window.Accept(6);
        window.Accept(1000);

        Assert.True(window.IsReplay(1000));
        Assert.False(window.IsReplay(999));
        Assert.False(window.IsReplay(1000 - 127));
        Assert.True(window.IsReplay(6));
    }
}
