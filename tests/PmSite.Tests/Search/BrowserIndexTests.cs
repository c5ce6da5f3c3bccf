using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>
/// A knowledge base large enough that frequent terms spill out of the dictionary into postings blocks,
/// so the browser must decide how deep to read: built once, served, and opened in Chromium.
/// </summary>
public sealed class LargeSiteFixture : IAsyncLifetime
{
    public const int Count = 600;

    private static readonly string[] s_words =
    [
        "database", "connection", "timeout", "retry", "cache", "deploy", "queue", "latency", "memory", "disk",
        "certificate", "kafka", "consumer", "partition", "replica", "failover", "alert", "pager", "rollback", "config",
        "throttle", "backpressure", "saturation", "thread", "pool", "lock", "deadlock", "index", "vacuum", "migration",
        "network", "packet", "resolver", "gateway", "ingress", "capacity", "autoscaling", "quota", "token", "session",
    ];

    private readonly TempFolder _temp = new();
    private IPlaywright? _playwright;

    internal string Input => _temp.Combine("kb");

    internal string Output => _temp.Combine("site");

    internal StaticServer Server { get; private set; } = null!;

    internal IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (Chromium.SkipReason is not null)
        {
            return; // every test of the class is skipped: no site to build
        }

        WriteCorpus(_temp, "kb", Count);
        var result = await SiteFixture.BuildAsync(Input, Output);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics.Take(10)));
        Server = new StaticServer(Output, "/library/");
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

    /// <summary>
    /// <paramref name="count"/> post-mortems in <paramref name="folder"/>, of a few frequent words (a steep Zipf-like mix),
    /// the same words in the same proportions whatever the count.
    /// </summary>
    internal static void WriteCorpus(TempFolder temp, string folder, int count)
    {
        var random = new Random(42);
        string Word() => s_words[(int)(s_words.Length * Math.Pow(random.NextDouble(), 2.5))];
        string Words(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Word()));
        temp.Write(folder + "/pmsite.yml", "title: Large\nbase_url: https://example.com/library/\n");
        for (var i = 0; i < count; i++)
        {
            var body = new StringBuilder();
            body.Append("\n## Executive Summary\n\n").Append(Words(random.Next(10, 40))).Append(".\n\n## Root Cause Analysis\n\n")
                .Append(Words(random.Next(20, 120))).Append(".\n\n## Lessons Learned\n\n").Append(Words(random.Next(5, 30))).Append(".\n");
            var extra = $"services: [svc-{random.Next(5)}]\ntags: [tag-{random.Next(8)}, tag-{random.Next(8)}]\n";
            var date = new DateOnly(2018 + (i % 8), 1 + (i % 12), 1 + (i % 28)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            temp.Write($"{folder}/post-mortems/INC-{5000 + i}.md", SiteFixture.PostMortem($"INC-{5000 + i}", title: Words(random.Next(3, 8)),
                date: date, severity: $"SEV{1 + (i % 3)}", extra: extra, body: body.ToString()));
        }
    }
}

/// <summary>The static index: its size limits, its determinism, and exact ranking when the browser reads only part of it.</summary>
public sealed class BrowserIndexTests(LargeSiteFixture site) : IClassFixture<LargeSiteFixture>
{
    [BrowserFact]
    public void Small_pieces_are_packed_into_few_files_of_at_most_100_KB()
    {
        var folder = Path.Combine(site.Output, "search");
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        List<FileInfo> In(string directory) => files.Where(f => f.DirectoryName!.EndsWith(directory, StringComparison.Ordinal)).ToList();

        Assert.All(files, f => Assert.True(f.Length <= 100 * 1024, $"{f.FullName} is {f.Length} bytes"));
        Assert.All(In("terms"), f => Assert.True(f.Length <= BrowserIndex.ShardBytes + 16));
        // "database" is in nearly every post-mortem: its postings go on over doubling blocks, in packs.
        Assert.NotEmpty(In("postings"));
        Assert.All(In("postings"), f => Assert.True(f.Length <= BrowserIndex.PackBytes, $"{f.FullName} is {f.Length} bytes"));
        // Display data: every post-mortem in exactly one pack, never more than a pack holds.
        var packs = In("display").Select(f => JsonDocument.Parse(File.ReadAllBytes(f.FullName)).RootElement.EnumerateObject().Select(p => p.Name).ToList()).ToList();
        Assert.All(packs, p => Assert.InRange(p.Count, 1, BrowserIndex.DisplayPack));
        Assert.Equal(Enumerable.Range(0, LargeSiteFixture.Count).Select(d => d.ToString(CultureInfo.InvariantCulture)).Order(), packs.SelectMany(p => p).Order());
        // Files grow with the index's bytes, not with its post-mortems or terms.
        Assert.True(files.Count < LargeSiteFixture.Count / 4, $"{files.Count} files");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "manifest.json")));
        Assert.Equal(LargeSiteFixture.Count, manifest.RootElement.GetProperty("docs").GetInt32());
        Assert.True(new FileInfo(Path.Combine(folder, "manifest.json")).Length < 2048);
    }

    [BrowserFact]
    public async Task The_same_input_gives_byte_identical_index_files()
    {
        using var temp = new TempFolder();
        var again = temp.Combine("site");
        var result = await SiteFixture.BuildAsync(site.Input, again);
        Assert.True(result.Succeeded);

        var first = Directory.EnumerateFiles(Path.Combine(site.Output, "search"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var second = Directory.EnumerateFiles(Path.Combine(again, "search"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(first.Select(f => Path.GetRelativePath(site.Output, f)), second.Select(f => Path.GetRelativePath(again, f)));
        Assert.All(first.Zip(second), pair => Assert.True(File.ReadAllBytes(pair.First).AsSpan().SequenceEqual(File.ReadAllBytes(pair.Second)), pair.First));
    }

    [BrowserTheory]
    [InlineData("", "a", "a")]
    [InlineData("connect", "connection", "connecti")]
    [InlineData("databas", "deadlock", "de")]
    [InlineData("zz", "été", "é")]
    [InlineData("a😀", "a😁x", "a😁")]
    public void A_shard_separator_is_the_shortest_prefix_of_its_first_term_after_the_previous_term(string previous, string first, string separator)
    {
        Assert.Equal(separator, BrowserIndex.Separator(previous, first));
        Assert.True(string.CompareOrdinal(previous, separator) < 0 && string.CompareOrdinal(separator, first) <= 0);
    }

    [BrowserFact]
    public async Task Every_term_is_found_in_its_shard_through_the_manifest_and_its_group()
    {
        var page = await OpenSearchPageAsync(site.Browser, site.Server.BaseUrl + "library/search/");
        var checkedTerms = await page.EvaluateAsync<string[]>("""
            async () => {
              const index = PmSearch.index;
              await index.open();
              const wrong = [], seen = [];
              for (let g = 0; g < index.manifest.groups.length; g++) {
                const separators = await index.fetch('term-groups/' + g + '.json', 'json');
                for (let i = 0; i < separators.length; i++) {
                  const n = g * index.manifest.shardGroup + i;
                  const shard = await index.loadShard(n);
                  for (const e of shard.terms) {
                    seen.push(e.term);
                    if (await index.shardOf(e.term) !== n || (await index.lookup(e.term)) !== e) wrong.push(e.term);
                  }
                }
              }
              return wrong.length > 0 ? ['misplaced:'].concat(wrong) : seen;
            }
            """);
        Assert.DoesNotContain("misplaced:", checkedTerms);
        Assert.Contains("databas", checkedTerms);
        Assert.True(checkedTerms.Length > 100, $"{checkedTerms.Length} terms");
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public void Every_post_mortem_is_in_the_display_pack_the_display_map_names()
    {
        var folder = Path.Combine(site.Output, "search");
        var packOf = Directory.EnumerateFiles(Path.Combine(folder, "display-map")).OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))
            .SelectMany(f => Varints(File.ReadAllBytes(f))).ToList();
        Assert.Equal(LargeSiteFixture.Count, packOf.Count);
        for (var doc = 0; doc < packOf.Count; doc++)
        {
            using var pack = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, "display", $"{packOf[doc]}.json")));
            Assert.StartsWith("INC-", pack.RootElement.GetProperty(doc.ToString(CultureInfo.InvariantCulture))[0].GetString(), StringComparison.Ordinal);
        }

        static IEnumerable<int> Varints(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length;)
            {
                int value = 0, shift = 0;
                byte b;
                do
                {
                    b = bytes[i++];
                    value |= (b & 0x7F) << shift;
                    shift += 7;
                }
                while ((b & 0x80) != 0);
                yield return value;
            }
        }
    }

    [BrowserTheory]
    [InlineData("database", null)]
    [InlineData("database connection", null)]
    [InlineData("timeout retry database cache", null)]
    [InlineData("deadlock vacuum", null)]
    [InlineData("session token quota", null)]
    [InlineData("database connection", "SEV2")]
    [InlineData("cache", "SEV3")]
    public async Task Reading_only_the_best_postings_still_gives_lucenes_top_10(string query, string? severity)
    {
        var context = await site.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(site.Server.BaseUrl + "library/search/?q=" + Uri.EscapeDataString(query) + (severity is null ? "" : "&severity=" + severity));
        await page.WaitForFunctionAsync("q => { const r = document.getElementById('search-results'); return r.dataset.state === 'done' && r.dataset.query === q; }", query);
        var browser = await page.EvalOnSelectorAllAsync<string[][]>("#search-results [data-incident-id]", "els => els.map(e => [e.dataset.incidentId, e.dataset.score, e.dataset.scoreExact || 'true'])");

        var args = new List<string> { "search", query, "--json", "--input", site.Input };
        if (severity is not null)
        {
            args.AddRange(["--severity", severity]);
        }

        var (_, stdout, _) = LuceneSearchTests.Cli([.. args]);
        var cli = JsonDocument.Parse(stdout).RootElement.EnumerateArray().Select(e => (e.GetProperty("id").GetString(), e.GetProperty("score").GetSingle())).ToList();
        Assert.Equal(10, cli.Count);
        Assert.Equal(cli.Select(c => c.Item1), browser.Select(b => b[0]));
        // Scores are exact where the browser read every posting of the document (it may stop earlier once the order is settled).
        foreach (var (expected, actual) in cli.Zip(browser).Where(p => p.Second[2] == "true"))
        {
            Assert.Equal(expected.Item2, (float)double.Parse(actual[1], CultureInfo.InvariantCulture));
        }

        Assert.StartsWith("/library/incidents/", await page.Locator("#search-results .search-hit a").First.GetAttributeAsync("href"));
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task Frequent_words_adjacent_in_three_titles_or_more_have_a_pair_list_and_no_other_words_do()
    {
        // Worked out here from the post-mortems' text: which words are side by side in titles, and how many post-mortems
        // each word is in (any field).
        var postMortems = LuceneSearchTests.ReadKnowledgeBase(site.Input).PostMortems;
        using var analyzer = SearchIndex.CreateAnalyzer();
        var docsOf = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var titles = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var doc = 0; doc < postMortems.Count; doc++)
        {
            foreach (var text in SearchFields.TextOf(postMortems[doc]))
            {
                foreach (var term in Terms(analyzer, text))
                {
                    (docsOf.TryGetValue(term, out var docs) ? docs : docsOf[term] = []).Add(doc);
                }
            }

            var title = Terms(analyzer, postMortems[doc].Title);
            foreach (var key in title.Zip(title.Skip(1)).Where(p => p.First != p.Second)
                .Select(p => string.CompareOrdinal(p.First, p.Second) < 0 ? p.First + " " + p.Second : p.Second + " " + p.First).Distinct())
            {
                titles[key] = titles.GetValueOrDefault(key) + 1;
            }
        }

        bool Frequent(string term) => docsOf[term].Count > BrowserIndex.InlinePostings + BrowserIndex.FirstBlock;
        var expected = titles.Where(t => t.Value >= 3 && t.Key.Split(' ').All(Frequent)).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        // Which pairs are left out is checked on a corpus made for it (PairListTests): here, every pair is listed that
        // should be, and no other.
        Assert.NotEmpty(expected);

        var page = await OpenSearchPageAsync(site.Browser, site.Server.BaseUrl + "library/search/");
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const index = PmSearch.index;
              await index.open();
              const pairs = [];
              for (let g = 0; g < index.manifest.groups.length; g++) {
                const separators = await index.fetch('term-groups/' + g + '.json', 'json');
                for (let i = 0; i < separators.length; i++) {
                  for (const e of (await index.loadShard(g * index.manifest.shardGroup + i)).terms) {
                    if (!e.pair) continue;
                    // Found from its two terms' entries, in the first one's shard.
                    const [a, b] = e.term.split(' ');
                    const found = await index.pair(await index.lookup(b), await index.lookup(a));
                    pairs.push({ term: e.term, matches: e.matches, total: e.total, found: found !== null && found.entry === e });
                  }
                }
              }
              return JSON.stringify(pairs);
            }
            """);
        var pairs = JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
        Assert.Equal(expected, pairs.Select(p => p.GetProperty("term").GetString()));
        foreach (var pair in pairs)
        {
            var terms = pair.GetProperty("term").GetString()!.Split(' ');
            var matches = docsOf[terms[0]].Union(docsOf[terms[1]]).Count();
            Assert.Equal(matches, pair.GetProperty("matches").GetInt32());
            Assert.Equal(Math.Min(matches, TermPairs.Listed), pair.GetProperty("total").GetInt32());
            Assert.True(pair.GetProperty("found").GetBoolean(), pair.GetProperty("term").GetString());
        }

        await page.Context.CloseAsync();

        static List<string> Terms(Lucene.Net.Analysis.Analyzer analyzer, string text)
        {
            var terms = new List<string>();
            using var stream = analyzer.GetTokenStream(SearchFields.Title.Name, text);
            var term = stream.AddAttribute<Lucene.Net.Analysis.TokenAttributes.ICharTermAttribute>();
            stream.Reset();
            while (stream.IncrementToken())
            {
                terms.Add(term.ToString());
            }

            stream.End();
            return terms;
        }
    }

    /// <summary>
    /// Queries of words with a pair list: the browser reads the pair's list alongside its words' own, and must still rank
    /// exactly as Lucene, under a filter, and past the pair's listed postings (k over <see cref="TermPairs.Listed"/>), where
    /// only the pair's last score bounds what its words may add to a post-mortem it leaves out.
    /// </summary>
    [BrowserTheory]
    [InlineData("database connection", null, 10)]
    [InlineData("connection database", null, 200)]
    [InlineData("database connection", "SEV2", 10)]
    [InlineData("database connection", "SEV3", 120)]
    [InlineData("database connection timeout", null, 10)]
    [InlineData("database connection timeout retry", null, 200)]
    [InlineData("timeout retry", null, 200)]
    [InlineData("cache database", "SEV1", 60)]
    public async Task A_query_read_partly_from_pair_lists_gives_lucenes_top_k_in_order(string query, string? severity, int k)
    {
        var top = await PairListTests.RankAsync(site.Browser, site.Server.BaseUrl + "library/search/", site.Input, query, severity, k);
        Assert.True(k <= TermPairs.Listed || top.PastListed, "the pair lists more than k post-mortems");
    }

    [BrowserTheory]
    [InlineData("database", null, null)]
    [InlineData("cache", null, null)]
    [InlineData("database", "severity", "SEV2")]
    [InlineData("timeout", "tag", "tag-3")]
    [InlineData("database connection", null, null)]
    [InlineData("deadlock vacuum", "year", "2020")]
    public async Task Facet_counts_shown_without_reading_every_match_are_those_of_every_match(string query, string? kind, string? value)
    {
        var page = await OpenSearchPageAsync(site.Browser, site.Server.BaseUrl + "library/search/");
        var json = await page.EvaluateAsync<string>("""
            async ([text, kind, value]) => {
              const index = PmSearch.index;
              await index.open();
              await index.loadFacets();
              const filters = kind ? { [kind]: value } : {};
              const result = await PmSearch.search(index, { text, prefix: false, filters, k: 10 });
              index.countFiles = -1; // never read every match unasked, however few files that takes
              const quick = await PmSearch.facetCounts(index, result, false);
              const all = await PmSearch.exactCounts(index, result);
              return JSON.stringify({ quick, all, summaries: result.entries.map(e => e.summary !== null) });
            }
            """, new[] { query, kind, value });
        using var counts = JsonDocument.Parse(json);
        var (quick, all) = (counts.RootElement.GetProperty("quick"), counts.RootElement.GetProperty("all"));
        var oneTerm = !query.Contains(' ', StringComparison.Ordinal);
        if (oneTerm)
        {
            Assert.True(counts.RootElement.GetProperty("summaries").EnumerateArray().Single().GetBoolean());
        }

        // A one-term query: the total and every facet with no filter on another facet come from the term's summary.
        Assert.Equal(oneTerm, quick.GetProperty("total").ValueKind == JsonValueKind.Number);
        Assert.Equal(oneTerm && kind is null, quick.GetProperty("exact").GetBoolean());
        foreach (var facet in FacetTable.Kinds)
        {
            var shown = quick.GetProperty("counts").GetProperty(facet);
            Assert.Equal(oneTerm && (kind is null || kind == facet), shown.ValueKind == JsonValueKind.Array);
            if (shown.ValueKind == JsonValueKind.Array)
            {
                Assert.Equal(all.GetProperty("counts").GetProperty(facet).GetRawText(), shown.GetRawText());
            }
        }

        if (oneTerm)
        {
            Assert.Equal(all.GetProperty("total").GetInt32(), quick.GetProperty("total").GetInt32());
            var args = new List<string> { "search", query, "--json", "--limit", "10000", "--input", site.Input };
            if (kind is not null)
            {
                args.AddRange(["--" + kind, value!]);
            }

            var (_, stdout, _) = LuceneSearchTests.Cli([.. args]);
            Assert.Equal(JsonDocument.Parse(stdout).RootElement.GetArrayLength(), quick.GetProperty("total").GetInt32());
        }

        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task Counts_that_need_every_match_are_read_when_the_reader_asks()
    {
        var page = await OpenSearchPageAsync(site.Browser, site.Server.BaseUrl + "library/search/");
        // No count that needs a file not yet fetched is read unasked.
        await page.EvaluateAsync("() => { PmSearch.index.countFiles = 0; }");
        await page.Locator("#search-q").FillAsync("database connection");
        await page.Locator("#search-q").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => document.getElementById('search-results').dataset.query === 'database connection' && document.getElementById('search-facets').dataset.state === 'done'");

        // Several terms: no count is shown until asked, not even the number of matches.
        Assert.Equal(0, await page.Locator("#search-facets .count").CountAsync());
        Assert.Equal("Top results", await page.Locator("#search-status").InnerTextAsync());
        await page.Locator("#search-facets .facet-count-all").ClickAsync();
        await page.WaitForSelectorAsync("#search-facets .count");

        var (_, stdout, _) = LuceneSearchTests.Cli("search", "database connection", "--json", "--limit", "10000", "--input", site.Input);
        var matches = JsonDocument.Parse(stdout).RootElement.GetArrayLength();
        Assert.StartsWith(matches.ToString(CultureInfo.InvariantCulture) + " post-mortems match", await page.Locator("#search-status").InnerTextAsync());
        var severities = await page.Locator("#search-facets [data-facet='severity'] .count").AllInnerTextsAsync();
        Assert.Equal(matches, severities.Sum(n => int.Parse(n, CultureInfo.InvariantCulture)));
        Assert.Equal(0, await page.Locator("#search-facets .facet-count-all").CountAsync());

        // Once read, the counts stay: more results count again from what was fetched, without asking.
        await page.ClickAsync(".search-more");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#search-results .search-hit').length === 20 && document.getElementById('search-facets').dataset.state === 'done'");
        Assert.Equal(0, await page.Locator("#search-facets .facet-count-all").CountAsync());
        Assert.Equal(severities, await page.Locator("#search-facets [data-facet='severity'] .count").AllInnerTextsAsync());
        await page.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("database")]
    [InlineData("timeout retry")]
    public async Task Results_read_from_several_display_packs_each_show_their_own_post_mortem(string query)
    {
        var before = site.Server.Responses.Count;
        var context = await site.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(site.Server.BaseUrl + "library/search/?q=" + Uri.EscapeDataString(query));
        const string Shown = "n => document.getElementById('search-results').dataset.state === 'done' && document.querySelectorAll('#search-results .search-hit').length === n";
        await page.WaitForFunctionAsync(Shown, 10);
        await page.ClickAsync(".search-more");
        await page.WaitForFunctionAsync(Shown, 20);
        var browser = await page.EvalOnSelectorAllAsync<string[][]>("#search-results .search-hit",
            "els => els.map(e => [e.dataset.incidentId, e.querySelector('.search-hit-title').textContent, e.querySelector('a').getAttribute('href')])");

        var (_, stdout, _) = LuceneSearchTests.Cli("search", query, "--json", "--limit", "20", "--input", site.Input);
        var cli = JsonDocument.Parse(stdout).RootElement.EnumerateArray()
            .Select(e => new[] { e.GetProperty("id").GetString(), e.GetProperty("title").GetString(), e.GetProperty("url").GetString() }).ToList();
        Assert.Equal(cli, browser);
        var packs = site.Server.Responses.Skip(before).Select(r => r.Path).Where(p => p.StartsWith("/library/search/display/", StringComparison.Ordinal)).ToList();
        Assert.True(packs.Distinct().Count() >= 2, string.Join(", ", packs));
        await context.CloseAsync();
    }

    /// <summary>A fresh page (own cache) at a search page, once the search script is ready.</summary>
    internal static async Task<IPage> OpenSearchPageAsync(IBrowser browser, string url)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        await page.GotoAsync(url);
        await page.WaitForFunctionAsync("() => window.PmSearch");
        return page;
    }
}
