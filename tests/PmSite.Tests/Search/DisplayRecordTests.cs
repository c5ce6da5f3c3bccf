using Microsoft.Playwright;
using PmSite.Rendering;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>
/// Display records keep only what the browser cannot derive (no URL, written-out date or summary excerpt): results must
/// still show what the pages show, for a full date, a year only, no severity, an id in capitals with dots and underscores,
/// and a summary longer than an excerpt, on a site published under a sub-path.
/// </summary>
public sealed class DisplayRecordTests : IAsyncLifetime
{
    private const string LongSummary = "Zebra crossings went dark across the city for forty minutes while the signal controller " +
        "retried its upstream configuration fetch in a tight loop, starving every other request of file handles, until an " +
        "operator restarted it by hand and the backlog of queued changes drained over the following hour, slowly, steadily.";

    private readonly TempFolder _temp = new();
    private IPlaywright? _playwright;
    private IBrowser _browser = null!;
    private StaticServer _server = null!;

    public async Task InitializeAsync()
    {
        _temp.Write("kb/pmsite.yml", "title: Zoo\nbase_url: https://example.com/kb/\n");
        _temp.Write("kb/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", title: "Zebra crossing outage", date: "2025-11-03",
            extra: $"services: [signals, city-api]\ntags: [quagga]\nsummary: {LongSummary}"));
        _temp.Write("kb/post-mortems/OPS_2.B.md", SiteFixture.PostMortem("OPS_2.B", title: "Zebra feed delayed", date: "2024-02-29", severity: "SEV1"));
        _temp.Write("kb/post-mortems/PM2020-003 - Zebra migration.md", "# Zebra migration issues\n\n## Summary\n\nThe zebra migration failed.\n");
        var result = await SiteFixture.BuildAsync(_temp.Combine("kb"), _temp.Combine("site"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Take(10)));
        _server = new StaticServer(_temp.Combine("site"), "/kb/");
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        _server?.Dispose();
        _temp.Dispose();
    }

    [BrowserFact]
    public async Task Results_show_the_link_date_severity_and_services_the_pages_show()
    {
        var hits = await ResultsAsync("zebra");
        var byId = hits.ToDictionary(h => h[0]);
        Assert.Equal(["INC-1", "OPS_2.B", "PM2020-003"], byId.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, hit) in byId)
        {
            Assert.Equal("/kb/" + SiteUrls.IncidentPath(id), hit[1]);
            Assert.True(File.Exists(Path.Combine(_temp.Combine("site"), SiteUrls.FileOf(SiteUrls.IncidentPath(id)))), id);
        }

        Assert.Equal("INC-1 · SEV2 · 3 Nov 2025 · signals, city-api", byId["INC-1"][2]);
        Assert.Equal("2025-11-03", byId["INC-1"][3]);
        Assert.Equal("OPS_2.B · SEV1 · 29 Feb 2024", byId["OPS_2.B"][2]);
        Assert.Equal("PM2020-003 · 2020", byId["PM2020-003"][2]);
        Assert.Equal("", byId["PM2020-003"][3]);
    }

    [BrowserFact]
    public async Task A_result_found_only_by_a_tag_shows_its_summary_excerpt()
    {
        var hit = Assert.Single(await ResultsAsync("quagga"));
        Assert.Equal("INC-1", hit[0]);
        Assert.Equal(ViewFactory.Excerpt(LongSummary, 280), hit[4]);
        Assert.EndsWith("…", hit[4], StringComparison.Ordinal);
    }

    [BrowserFact]
    public void Display_records_hold_no_url_tag_or_written_out_date()
    {
        var display = string.Concat(Directory.EnumerateFiles(Path.Combine(_temp.Combine("site"), "search", "display")).Select(File.ReadAllText));
        Assert.Contains("Zebra crossing outage", display, StringComparison.Ordinal);
        Assert.DoesNotContain("incidents/", display, StringComparison.Ordinal);
        Assert.DoesNotContain("quagga", display, StringComparison.Ordinal);
        Assert.DoesNotContain("Nov", display, StringComparison.Ordinal);
    }

    /// <summary>Each result: id, link, meta line, the time element's datetime ("" without one), snippet text.</summary>
    private async Task<string[][]> ResultsAsync(string query)
    {
        var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        await page.GotoAsync(_server.BaseUrl + "kb/search/?q=" + Uri.EscapeDataString(query));
        await page.WaitForFunctionAsync("q => { const r = document.getElementById('search-results'); return r.dataset.state === 'done' && r.dataset.query === q; }", query);
        var hits = await page.EvalOnSelectorAllAsync<string[][]>("#search-results .search-hit", """
            els => els.map(e => [e.dataset.incidentId, e.querySelector('a').getAttribute('href'),
              e.querySelector('.search-hit-meta').textContent, (e.querySelector('time') || { getAttribute: () => '' }).getAttribute('datetime'),
              e.querySelector('.search-hit-snippet').textContent])
            """);
        await context.CloseAsync();
        return hits;
    }
}
