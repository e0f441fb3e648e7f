using Microsoft.Playwright;

namespace VideoRelay.Bench.Latency;

/// <summary>
/// Debian's chromium (/usr/bin/chromium), headless, on the node's /watch page: the player reads the timecode
/// of each presented frame and beacons capture → presented samples to the node (/api/beacon), which the
/// report reads back. Nothing downloads a browser.
/// </summary>
internal sealed class ChromiumViewer : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowserContext _context;
    private readonly string _profile;

    private ChromiumViewer(IPlaywright playwright, IBrowserContext context, string profile, IPage page)
    {
        _playwright = playwright;
        _context = context;
        _profile = profile;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<ChromiumViewer> OpenAsync(string url)
    {
        IPlaywright playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        string profile = Directory.CreateTempSubdirectory("vr-bench-chromium-").FullName;
        IBrowserContext context = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--allow-loopback-in-peer-connection",
                "--autoplay-policy=no-user-gesture-required",
            ],
        }).ConfigureAwait(false);
        IPage page = await context.NewPageAsync().ConfigureAwait(false);
        await page.GotoAsync(url).ConfigureAwait(false);
        return new ChromiumViewer(playwright, context, profile, page);
    }

    /// <summary>The player's status attribute ("playing" once frames are presented).</summary>
    public Task<string?> StatusAsync() =>
        Page.EvaluateAsync<string?>("() => document.querySelector('video-relay-player')?.getAttribute('data-status')");

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync().ConfigureAwait(false);
        _playwright.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
            // chromium may still be flushing its profile; the temp folder is left to the OS
        }
    }
}
