using Microsoft.Playwright;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>The sample site, built once, served on 127.0.0.1, with a headless Chromium to look at it.</summary>
public sealed class SearchSiteFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private IPlaywright? _playwright;

    internal StaticServer Server { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    public string Output => _temp.Combine("site");

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return; // every test of the class is skipped: no site to build
        }

        var result = await SiteFixture.BuildAsync(Repo.SampleInput, Output);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Server = new StaticServer(Output);
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh page (own cache) at a site path.</summary>
    internal async Task<IPage> OpenAsync(string path)
    {
        var context = await Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(Server.BaseUrl + path.TrimStart('/'));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Server?.Dispose();
        _temp.Dispose();
    }
}
