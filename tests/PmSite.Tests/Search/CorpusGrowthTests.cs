using Microsoft.Playwright;
using PmSite.Tests.TestKit;
using Xunit.Abstractions;

namespace PmSite.Tests.Search;

/// <summary>
/// The same words in the same proportions, in a knowledge base and in one eight times as large: built once each, served,
/// and opened in Chromium.
/// </summary>
public sealed class GrowingSitesFixture : IAsyncLifetime
{
    public const int Small = 500;
    public const int Large = 8 * Small;

    private readonly TempFolder _temp = new();
    private IPlaywright? _playwright;

    internal string Input(int count) => _temp.Combine($"kb-{count}");

    internal Dictionary<int, StaticServer> Servers { get; } = [];

    internal IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return; // every test of the class is skipped: no site to build
        }

        foreach (var count in new[] { Small, Large })
        {
            LargeSiteFixture.WriteCorpus(_temp, $"kb-{count}", count);
            var result = await SiteFixture.BuildAsync(Input(count), _temp.Combine($"site-{count}"));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Take(10)));
            Servers[count] = new StaticServer(_temp.Combine($"site-{count}"), "/library/");
        }

        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        foreach (var server in Servers.Values)
        {
            server.Dispose();
        }

        _temp.Dispose();
    }
}

/// <summary>
/// Building 4,500 post-mortems is a heavy half minute: these tests run on their own, so that they do not hold up the other
/// browser tests' pages past their timeouts.
/// </summary>
[CollectionDefinition(nameof(GrowingSitesCollection), DisableParallelization = true)]
public sealed class GrowingSitesCollection;

/// <summary>What a multi-word query costs in postings does not grow with the number of post-mortems.</summary>
[Collection(nameof(GrowingSitesCollection))]
public sealed class CorpusGrowthTests(GrowingSitesFixture sites, ITestOutputHelper output) : IClassFixture<GrowingSitesFixture>
{
    /// <summary>
    /// The postings bytes any of these queries may read until its results show, whatever the size of the knowledge base. The
    /// words are in nearly every post-mortem, so a query reads deep into their postings; format 4's postings (a posting in
    /// six bytes or more, in 32 KB packs) read 52 to 85 KB of them at 4,000 post-mortems.
    /// </summary>
    private const int PostingsBudget = 48 * 1024;

    /// <param name="pair">Whether the query's words are side by side in enough titles to have a pair list (see TermPairs),
    /// which settles its top results without a postings block; the others read deep into their words' postings.</param>
    [BrowserTheory]
    [InlineData("database connection", true)]
    [InlineData("timeout retry", true)]
    [InlineData("cache deploy queue", false)]
    [InlineData("latency memory", true)]
    public async Task A_multi_word_query_reads_its_postings_within_one_budget_from_a_corpus_eight_times_as_large(string query, bool pair)
    {
        var small = await FetchedAsync(GrowingSitesFixture.Small, query);
        var large = await FetchedAsync(GrowingSitesFixture.Large, query);
        output.WriteLine($"{query}: {GrowingSitesFixture.Small}: {Describe(small)}; {GrowingSitesFixture.Large}: {Describe(large)}");

        static long Postings(List<(string Path, long Bytes)> files) => files.Where(f => f.Path.Contains("/search/postings/", StringComparison.Ordinal)).Sum(f => f.Bytes);
        Assert.True(pair ? Postings(large) == 0 : Postings(small) > 0, Describe(pair ? large : small));
        Assert.True(Postings(small) <= PostingsBudget, Describe(small));
        Assert.True(Postings(large) <= PostingsBudget, Describe(large));
        // Nor do the dictionary and the display data grow: one term shard a word, one display pack at most a result.
        var words = query.Split(' ').Length;
        foreach (var files in new[] { small, large })
        {
            Assert.InRange(files.Count(f => f.Path.Contains("/search/terms/", StringComparison.Ordinal)), 1, words);
            Assert.InRange(files.Count(f => f.Path.Contains("/search/display/", StringComparison.Ordinal)), 1, 10);
        }
    }

    private static string Describe(List<(string Path, long Bytes)> files) =>
        string.Join(", ", files.GroupBy(f => f.Path.Split('/')[3]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Sum(f => f.Bytes)} B/{g.Count()}"));

    /// <summary>The index files a cold query fetched until its results were shown.</summary>
    private async Task<List<(string Path, long Bytes)>> FetchedAsync(int count, string query)
    {
        var server = sites.Servers[count];
        var before = server.Responses.Count;
        var context = await sites.Browser.NewContextAsync();
        // Notes what the page asked for by the time the results are first shown: facet counts may fetch more afterwards.
        await context.AddInitScriptAsync("""
            (() => {
              const requested = [];
              const fetch = window.fetch;
              window.fetch = function (input, init) { requested.push(new URL(String(input), location.href).pathname); return fetch.call(this, input, init); };
              const setAttribute = Element.prototype.setAttribute;
              Element.prototype.setAttribute = function (name, value) {
                if (name === 'data-state' && value === 'done' && this.id === 'search-results' && !window.requestedWhenShown) window.requestedWhenShown = requested.slice();
                return setAttribute.call(this, name, value);
              };
            })();
            """);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(server.BaseUrl + "library/search/?q=" + Uri.EscapeDataString(query));
        await page.WaitForFunctionAsync("q => { const r = document.getElementById('search-results'); return r.dataset.state === 'done' && r.dataset.query === q; }", query);
        var shown = (await page.EvaluateAsync<string[]>("() => window.requestedWhenShown")).ToHashSet(StringComparer.Ordinal);
        await context.CloseAsync();
        return server.Responses.Skip(before).Where(r => shown.Contains(r.Path)).DistinctBy(r => r.Path).ToList();
    }
}
