using System.Text.Json;
using Microsoft.Playwright;

namespace VideoRelay.EndToEnd.Tests;

/// <summary>The /watch page in headless Chromium, read the way a person would: status, picture size, the overlay's figures.</summary>
internal sealed class PlayerPage(IPage page)
{
    public IPage Page => page;

    public static async Task<PlayerPage> OpenAsync(IBrowserContext context, string url)
    {
        IPage page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return new PlayerPage(page);
    }

    public Task<string?> StatusAsync() => page.EvaluateAsync<string?>("() => document.querySelector('video-relay-player')?.getAttribute('data-status')");

    public async Task<JsonElement> StatsAsync() =>
        await page.EvaluateAsync<JsonElement>("() => JSON.parse(JSON.stringify(document.querySelector('video-relay-player')?.stats ?? {}))");

    public async Task<(int Width, int Height, double Time)> VideoAsync()
    {
        JsonElement v = await page.EvaluateAsync<JsonElement>(
            "() => { const p = document.querySelector('video-relay-player'); const v = p?.shadowRoot?.querySelector('video') ?? document.querySelector('video'); return { w: v?.videoWidth ?? 0, h: v?.videoHeight ?? 0, t: v?.currentTime ?? 0 }; }");
        return (v.GetProperty("w").GetInt32(), v.GetProperty("h").GetInt32(), v.GetProperty("t").GetDouble());
    }

    /// <summary>Text of the whole page including the player's shadow DOM (status line, overlay).</summary>
    public Task<string> TextAsync() => page.EvaluateAsync<string>(
        "() => { const p = document.querySelector('video-relay-player'); return document.body.innerText + '\\n' + (p?.shadowRoot?.textContent ?? ''); }");

    public async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return true;
            }
            await Task.Delay(200);
        }
        return await condition();
    }

    public async Task<bool> WaitForStatusAsync(string status, TimeSpan timeout) =>
        await WaitForAsync(async () => await StatusAsync() == status, timeout);
}
