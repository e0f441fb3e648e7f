using Microsoft.Playwright;

namespace VideoRelay.EndToEnd.Tests;

public class BrowserSmokeTests
{
    [Fact]
    [Trait("Category", "EndToEnd")]
    public async Task System_chromium_starts_headless()
    {
        await using var browser = await Browsers.LaunchAsync();
        IPage page = await browser.Context.NewPageAsync();
        await page.SetContentAsync("<p id=x>hello</p>");
        Assert.Equal("hello", await page.InnerTextAsync("#x"));
    }
}
