using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>The search page of the built sample site, in headless Chromium, as an on-call engineer uses it.</summary>
public sealed class BrowserSearchTests(SearchSiteFixture site) : IClassFixture<SearchSiteFixture>
{
    /// <summary>Queries on which the browser must rank exactly as <c>pmsite search --json</c> (ids and scores).</summary>
    public static TheoryData<string> ParityQueries => new()
    {
        "leaking connections", "certificate expired", "kafka", "disk full", "dns timeouts", "rate limiter",
        "cache stampede", "signing key rotation", "connection pool exhausted", "incident", "HikariCP", "retry queue memory",
    };

    [BrowserTheory]
    [MemberData(nameof(ParityQueries))]
    public async Task The_browser_top_10_is_the_clis_top_10(string query)
    {
        var page = await site.OpenAsync("search/?q=" + Uri.EscapeDataString(query));
        var browser = await ResultsAsync(page, query);

        var (code, stdout, _) = LuceneSearchTests.Cli("search", query, "--json", "--input", Repo.SampleInput);
        Assert.Equal(0, code);
        var cli = JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .Select(e => (Id: e.GetProperty("id").GetString()!, Score: e.GetProperty("score").GetSingle())).ToList();
        Assert.NotEmpty(cli);
        Assert.Equal(cli.Select(c => c.Id), browser.Select(b => b.Id));
        Assert.Equal(cli.Select(c => c.Score), browser.Select(b => b.Score));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Typing_an_inflected_query_finds_the_connection_leaks_and_highlights_the_words()
    {
        var page = await site.OpenAsync("search/");
        await page.Locator("#search-q").PressSequentiallyAsync("leaking connections", new() { Delay = 15 });

        var results = await ResultsAsync(page, "leaking connections");
        Assert.Equal(["INC-1003", "INC-1006", "INC-1013"], results.Take(3).Select(r => r.Id));
        var title = await page.Locator("[data-incident-id='INC-1003'] .search-hit-title").InnerHTMLAsync();
        Assert.Contains("<mark>connection</mark> <mark>leak</mark>", title);
        var snippet = await page.Locator("[data-incident-id='INC-1006'] .search-hit-snippet mark").AllInnerTextsAsync();
        Assert.Contains(snippet, m => m.StartsWith("connection", StringComparison.OrdinalIgnoreCase));
        Assert.EndsWith("/search/?q=leaking+connections", page.Url);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_last_word_matches_as_a_prefix_while_typing()
    {
        var page = await site.OpenAsync("search/");
        await page.Locator("#search-q").PressSequentiallyAsync("pgboun", new() { Delay = 15 });

        var results = await ResultsAsync(page, "pgboun");
        Assert.Equal("INC-1013", results[0].Id);
        Assert.Contains("<mark>PgBouncer</mark>", await page.Locator("[data-incident-id='INC-1013'] .search-hit-title").InnerHTMLAsync());

        // Submitted, the same text is a whole word again, and a whole word that matches nothing finds nothing.
        await page.Locator("#search-q").PressAsync("Enter");
        Assert.Empty(await ResultsAsync(page, "pgboun"));
        Assert.Contains("No post-mortem matches", await page.Locator("#search-results").InnerTextAsync());
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_rare_exact_term_finds_the_only_incidents_that_mention_it()
    {
        var page = await site.OpenAsync("search/?q=leakDetectionThreshold");
        var results = await ResultsAsync(page, "leakDetectionThreshold");
        Assert.Equal(["INC-1003"], results.Select(r => r.Id));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Filters_from_the_url_and_from_the_facets_narrow_the_results_with_counts()
    {
        var page = await site.OpenAsync("search/?q=connection&severity=SEV1");
        var results = await ResultsAsync(page, "connection");
        var (_, stdout, _) = LuceneSearchTests.Cli("search", "connection", "--severity", "SEV1", "--json", "--input", Repo.SampleInput);
        Assert.Equal(JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()), results.Select(r => r.Id));
        await page.WaitForSelectorAsync("#search-facets[data-state='done']");

        var severity = page.Locator("#search-facets [data-facet='severity'][data-value='SEV1']");
        Assert.Equal("true", await severity.GetAttributeAsync("aria-pressed"));
        Assert.Equal(results.Count.ToString(CultureInfo.InvariantCulture), await severity.Locator(".count").InnerTextAsync());

        // A tag among the SEV1 results: clicking it narrows to the results that carry it.
        var tag = page.Locator("#search-facets [data-facet='tag'][data-value='connection-leak']");
        Assert.Equal("1", await tag.Locator(".count").InnerTextAsync());
        await tag.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("tag=connection-leak", StringComparison.Ordinal));
        Assert.Equal(["INC-1003"], (await ResultsAsync(page, "connection")).Select(r => r.Id));

        // Clicking the pressed severity again lifts that filter.
        await page.Locator("#search-facets [data-facet='severity'][data-value='SEV1']").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("severity=", StringComparison.Ordinal));
        Assert.Equal(["INC-1003"], (await ResultsAsync(page, "connection")).Select(r => r.Id));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Filters_without_a_query_list_the_matching_incidents_newest_first()
    {
        var page = await site.OpenAsync("search/?service=order-db&year=2023");
        var results = await ResultsAsync(page, "");
        Assert.Equal(["INC-1003", "INC-1002"], results.Select(r => r.Id));
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task The_keyboard_reaches_search_and_results()
    {
        var page = await site.OpenAsync("incidents/inc-1001/");
        await page.Keyboard.PressAsync("/");
        await page.WaitForFunctionAsync("() => document.activeElement.id === 'site-search-q'");
        await page.Keyboard.TypeAsync("dns");
        await page.Keyboard.PressAsync("Enter");
        // The new page has its address once its navigation commits; its results are what the test waits for, not the
        // load event, which on a starved machine once came after the 20 s timeout though the page was there.
        await page.WaitForURLAsync(url => url.Contains("/search/?q=dns", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await ResultsAsync(page, "dns");
        // Facet counts arrive after the results; waiting for them keeps a late update from moving the focus.
        await page.WaitForSelectorAsync("#search-facets[data-state='done']");

        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await page.WaitForFunctionAsync("() => document.activeElement.id === 'search-q'");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForFunctionAsync("() => document.activeElement.getAttribute('href') === '/incidents/inc-1004/'");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/incidents/inc-1004/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task A_query_fetches_only_a_few_small_index_files()
    {
        var before = site.Server.Responses.Count;
        var page = await site.OpenAsync("search/?q=kafka");
        await ResultsAsync(page, "kafka");
        await page.WaitForSelectorAsync("#search-facets[data-state='done']");

        var fetched = site.Server.Responses.Skip(before).Where(r => r.Path.StartsWith("/search/", StringComparison.Ordinal) && r.Path != "/search/").ToList();
        Assert.Contains(fetched, r => r.Path == "/search/manifest.json");
        Assert.Single(fetched, r => r.Path.StartsWith("/search/terms/", StringComparison.Ordinal));
        // The facet counts of a one-term query are its facet summary, not every match's facet values. The sample's 14
        // post-mortems fit in one chunk of the display map; what results show comes from a few small display packs (at
        // most 10 post-mortems each, grouped by title term).
        Assert.Single(fetched, r => r.Path.StartsWith("/search/facet-counts/", StringComparison.Ordinal));
        Assert.DoesNotContain(fetched, r => r.Path.StartsWith("/search/docs/", StringComparison.Ordinal));
        Assert.Single(fetched, r => r.Path.StartsWith("/search/display-map/", StringComparison.Ordinal));
        var display = fetched.Where(r => r.Path.StartsWith("/search/display/", StringComparison.Ordinal)).ToList();
        Assert.InRange(display.Count, 1, 3);
        Assert.True(display.Sum(r => r.Bytes) < 32 * 1024, $"{display.Sum(r => r.Bytes)} bytes of display packs");
        Assert.All(fetched, r => Assert.True(r.Bytes <= 100 * 1024, r.Path));
        await page.Context.CloseAsync();
    }

    /// <summary>Waits until the results are those of <paramref name="query"/>, then reads them in rank order.</summary>
    private static async Task<List<(string Id, float Score)>> ResultsAsync(IPage page, string query)
    {
        await page.WaitForFunctionAsync(
            "q => { const r = document.getElementById('search-results'); return r.dataset.state === 'done' && r.dataset.query === q; }", query);
        var items = await page.EvalOnSelectorAllAsync<string[][]>("#search-results [data-incident-id]",
            "els => els.map(e => [e.dataset.incidentId, e.dataset.score])");
        return items.Select(i => (i[0], (float)double.Parse(i[1], CultureInfo.InvariantCulture))).ToList();
    }
}
