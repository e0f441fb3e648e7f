namespace VideoRelay.WebRtc.Ice.Tests;

public sealed class IceCredentialsTests
{
    [Fact]
    public void Generates_ice_chars_of_the_requested_lengths()
    {
        IceCredentials c = IceCredentials.Generate();
        Assert.Equal(8, c.Ufrag.Length);
        Assert.Equal(24, c.Password.Length);
        Assert.All(c.Ufrag + c.Password, ch => Assert.Contains(ch, IceCredentials.IceChars));
        Assert.NotEqual(c, IceCredentials.Generate());
    }

    [Fact]
    public void Enforces_rfc8839_minimums()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IceCredentials.Generate(ufragLength: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => IceCredentials.Generate(passwordLength: 21));
        IceCredentials min = IceCredentials.Generate(4, 22);
        Assert.Equal(4, min.Ufrag.Length);
        Assert.Equal(22, min.Password.Length);
    }

    [Fact]
    public void Host_priority_matches_the_browser_convention()
    {
        Assert.Equal(2130706431u, IcePriority.Compute(IcePriority.HostTypePreference, 65535, 1));
    }
}
