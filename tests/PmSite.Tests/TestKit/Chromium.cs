using Microsoft.Playwright;

namespace PmSite.Tests.TestKit;

/// <summary>
/// Debian's headless Chromium driven by Playwright, with everything that would reach the network off.
/// The browser must be installed (<c>apt-get install chromium</c>; <c>.ci/run</c> does it): tests fail, loudly, without it.
/// </summary>
internal static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests need Chromium at {ExecutablePath}: run 'apt-get install -y chromium' (.ci/run does).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions",
            ],
        });
        return (playwright, browser);
    }
}
