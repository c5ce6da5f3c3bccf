using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>
/// Post-mortems written from a few templates, so that many score exactly alike: "memory leak" in 120 titles (either way
/// round), "connection leak in pool" in 120, "memory pressure" in 120, "pool" again in 60 more. Built once, served, and
/// opened in Chromium.
/// </summary>
public sealed class TiedPairsFixture : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private IPlaywright? _playwright;

    internal string Input => _temp.Combine("kb");

    internal StaticServer Server { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return; // every test of the class is skipped: no site to build
        }

        _temp.Write("kb/pmsite.yml", "title: Tied\nbase_url: https://example.com/\n");
        var templates = new (int Count, string Title, string Summary)[]
        {
            (60, "Memory leak in worker", "A memory leak in the worker."),
            (60, "Leak of memory on restart", "The restart leaked memory."),
            (120, "Memory pressure on hosts", "Memory pressure; a leak was suspected."),
            (120, "Connection leak in pool", "A connection leak emptied the pool."),
            (60, "Disk full", "The disk filled and the pool stalled."),
            // Side by side in two titles only: no pair, though both words are frequent.
            (2, "Pool memory", "Pool memory."),
        };
        var i = 0;
        foreach (var (count, title, summary) in templates)
        {
            for (var n = 0; n < count; n++, i++)
            {
                var date = new DateOnly(2020, 1, 1).AddDays(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                _temp.Write($"kb/post-mortems/INC-{7000 + i}.md", SiteFixture.PostMortem($"INC-{7000 + i}", title: title, date: date,
                    severity: $"SEV{1 + (i % 3)}", body: $"\n## Executive Summary\n\n{summary}\n"));
            }
        }

        var result = await SiteFixture.BuildAsync(Input, _temp.Combine("site"));
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Take(10)));
        Server = new StaticServer(_temp.Combine("site"));
        (_playwright, Browser) = await Chromium.LaunchAsync();
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

/// <summary>Which pairs of words get a list, and ranking from pair lists where many post-mortems tie.</summary>
public sealed class PairListTests(TiedPairsFixture site) : IClassFixture<TiedPairsFixture>
{
    [BrowserFact]
    public void A_pair_is_listed_when_its_words_are_side_by_side_in_three_titles_and_each_has_more_postings_than_a_record_and_a_block()
    {
        var postMortems = LuceneSearchTests.ReadKnowledgeBase(site.Input).PostMortems;
        var inverted = InvertedIndex.Of(postMortems);
        var postings = new TermPostings(SearchFields.All.Count);
        var totals = new int[inverted.Terms.Length];
        for (var t = 0; t < totals.Length; t++)
        {
            inverted.Read(t, postings);
            totals[t] = postings.Count;
        }

        var pairs = TermPairs.Select(postMortems, inverted.Terms, totals).Select(p => (inverted.Terms[p.First] + " " + inverted.Terms[p.Second], p.Titles));
        // "memory leak" and "leak of memory" (a stop word between) are one pair; "leak in pool" too. "pool memory" is in two
        // titles only, and "connection", "pressure" and "worker" are in too few post-mortems to be worth a pair.
        Assert.Equal([("leak memori", 120), ("leak pool", 120)], pairs);
    }

    [BrowserTheory]
    [InlineData("memory leak", null, 10)]
    [InlineData("leak memory", null, 200)]
    [InlineData("memory leak", "SEV2", 30)]
    [InlineData("memory leak pool", null, 10)]
    [InlineData("memory leak pool", null, 250)]
    [InlineData("pool leak", "SEV3", 100)]
    public async Task Post_mortems_that_tie_come_in_lucenes_order_from_pair_lists(string query, string? severity, int k)
    {
        var top = await RankAsync(site.Browser, site.Server.BaseUrl + "search/", site.Input, query, severity, k);
        Assert.True(top.Ties, "no tie among the top k");
        Assert.True(k <= TermPairs.Listed || top.PastListed, "the pair lists more than k post-mortems");
    }

    /// <summary>
    /// Ranks a query in the browser and asserts that it read a pair list and ranked as <c>pmsite search</c> does: the same
    /// post-mortems in the same order, and the same scores where the browser knows them exactly. Returns whether Lucene's top
    /// k has ties, and whether k is past what a pair read lists (its bound then decides what follows).
    /// </summary>
    internal static async Task<(bool Ties, bool PastListed)> RankAsync(IBrowser chromium, string searchPage, string input, string query, string? severity, int k)
    {
        var page = await BrowserIndexTests.OpenSearchPageAsync(chromium, searchPage);
        var json = await page.EvaluateAsync<string>("""
            async ([text, severity, k]) => {
              const index = PmSearch.index;
              await index.open();
              await index.loadFacets();
              const result = await PmSearch.search(index, { text, prefix: false, filters: severity ? { severity } : {}, k: Number(k) });
              const docs = await Promise.all(result.top.map(t => index.doc(t.doc)));
              return JSON.stringify({
                pairs: result.pairs.map(p => ({ matches: p.entry.matches, total: p.entry.total })),
                top: result.top.map((t, i) => ({ id: docs[i].id, score: Math.fround(t.lower), exact: t.upper === t.lower })),
              });
            }
            """, new[] { query, severity, k.ToString(CultureInfo.InvariantCulture) });
        await page.Context.CloseAsync();
        using var browser = JsonDocument.Parse(json);
        var pairs = browser.RootElement.GetProperty("pairs").EnumerateArray().ToList();
        Assert.NotEmpty(pairs);

        var args = new List<string> { "search", query, "--json", "--limit", k.ToString(CultureInfo.InvariantCulture), "--input", input };
        if (severity is not null)
        {
            args.AddRange(["--severity", severity]);
        }

        var (_, stdout, _) = LuceneSearchTests.Cli([.. args]);
        var cli = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => (Id: e.GetProperty("id").GetString(), Score: e.GetProperty("score").GetSingle())).ToList();
        var top = browser.RootElement.GetProperty("top").EnumerateArray().ToList();
        Assert.Equal(k, cli.Count);
        Assert.Equal(cli.Select(c => c.Id), top.Select(t => t.GetProperty("id").GetString()));
        foreach (var (expected, actual) in cli.Zip(top).Where(p => p.Second.GetProperty("exact").GetBoolean()))
        {
            Assert.Equal(expected.Score, actual.GetProperty("score").GetSingle());
        }

        return (cli.Zip(cli.Skip(1)).Any(p => p.First.Score == p.Second.Score),
            pairs.Any(p => p.GetProperty("matches").GetInt32() > p.GetProperty("total").GetInt32() && k > p.GetProperty("total").GetInt32()));
    }
}
