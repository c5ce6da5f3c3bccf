using System.Text.Json;
using PmSite.Cli;
using PmSite.Content;
using PmSite.Modules;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>What <c>pmsite search</c> finds on the sample knowledge base: query in, ranked ids out.</summary>
public sealed class LuceneSearchTests
{
    [Theory]
    // Inflections meet: "leaking connections" finds the connection-leak and connection-exhaustion incidents first.
    [InlineData("leaking connections", "INC-1003 INC-1006 INC-1013")]
    [InlineData("connection leak", "INC-1003 INC-1006 INC-1013")]
    [InlineData("certificates expiring", "INC-1001 INC-1009 INC-1007")]
    // Rare exact terms.
    [InlineData("HikariCP", "INC-1003 INC-1006")]
    [InlineData("pgbouncer", "INC-1013 INC-1006")]
    [InlineData("dns", "INC-1004")]
    [InlineData("stampede", "INC-1008")]
    // Title and tags weigh more than a passing mention in the body.
    [InlineData("kafka", "INC-1009 INC-1010 INC-1005")]
    [InlineData("disk full", "INC-1010 INC-1002")]
    // Stop words and punctuation alone match nothing.
    [InlineData("the and of", "")]
    [InlineData("—", "")]
    public void Ranks_the_sample_knowledge_base(string query, string expectedTop)
    {
        var hits = Search(query);
        var expected = expectedTop.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected, hits.Take(expected.Length).Select(h => h.PostMortem.Id));
        if (expected.Length == 0)
        {
            Assert.Empty(hits);
        }
    }

    [Theory]
    [InlineData("connection", "SEV1", null, null, null, "INC-1003 INC-1006 INC-1002")]
    [InlineData("connection", null, "order-db", null, null, "INC-1003 INC-1013 INC-1006 INC-1002")]
    [InlineData("connection", null, null, "pgbouncer", null, "INC-1013")]
    [InlineData("connection", null, null, null, 2024, "INC-1006")]
    [InlineData("connection", "sev2", "CHECKOUT-API", null, 2026, "INC-1013")]
    [InlineData("connection", "SEV9", null, null, null, "")]
    public void Filters_narrow_without_changing_the_order(string query, string? severity, string? service, string? tag, int? year, string expected)
    {
        var all = Search(query, limit: 100);
        var filtered = Search(query, new SearchFilters(severity, service, tag, year), limit: 100);

        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries), filtered.Select(h => h.PostMortem.Id).Take(4));
        // Same scores as without the filter, same relative order.
        Assert.Equal(all.Where(h => filtered.Any(f => f.PostMortem == h.PostMortem)).Select(h => (h.PostMortem.Id, h.Score)), filtered.Select(h => (h.PostMortem.Id, h.Score)));
    }

    [Fact]
    public void Scores_are_bm25_sums_over_the_weighted_fields_and_ties_keep_the_newest_first()
    {
        var hits = Search("incident", limit: 100);
        Assert.All(hits.Zip(hits.Skip(1)), pair =>
            Assert.True(pair.First.Score > pair.Second.Score || (pair.First.Score == pair.Second.Score && Index(pair.First) < Index(pair.Second))));
    }

    [Fact]
    public void The_cli_prints_ranked_json_with_id_title_url_and_score()
    {
        var (code, stdout, _) = Cli("search", "leaking connections", "--json", "--input", Repo.SampleInput);

        Assert.Equal(Program.Ok, code);
        using var json = JsonDocument.Parse(stdout);
        var results = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(8, results.Count);
        Assert.Equal(["id", "title", "url", "score"], results[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("INC-1003", results[0].GetProperty("id").GetString());
        Assert.Equal("/incidents/inc-1003/", results[0].GetProperty("url").GetString());
        Assert.StartsWith("Checkout outage", results[0].GetProperty("title").GetString());
        Assert.Equal(Search("leaking connections")[0].Score, results[0].GetProperty("score").GetSingle());
    }

    [Fact]
    public void The_cli_filters_limits_and_prints_text()
    {
        var (code, stdout, _) = Cli("search", "connection", "--severity", "SEV1", "--limit", "2", "--input", Repo.SampleInput);

        Assert.Equal(Program.Ok, code);
        Assert.Contains(" 1. INC-1003", stdout);
        Assert.Contains(" 2. INC-1006", stdout);
        Assert.DoesNotContain(" 3. ", stdout);
        Assert.Contains("/incidents/inc-1003/", stdout);
    }

    [Theory]
    [InlineData(0, "search", "zzzyyyxxx", "--json")]
    [InlineData(0, "search", "zzzyyyxxx")]
    [InlineData(2, "search")]
    [InlineData(2, "search", "  ")]
    [InlineData(2, "search", "x", "--year", "twenty")]
    [InlineData(2, "search", "x", "--limit", "0")]
    [InlineData(2, "search", "x", "--bogus")]
    public void Exit_codes(int expected, params string[] args)
    {
        var (code, stdout, _) = Cli([.. args, "--input", Repo.SampleInput]);

        Assert.Equal(expected, code);
        if (expected == 0 && args.Contains("--json"))
        {
            Assert.Equal("[]", stdout.Trim());
        }
    }

    [Fact]
    public void A_missing_input_folder_is_a_usage_error()
    {
        using var temp = new TempFolder();
        var (code, _, stderr) = Cli("search", "x", "--input", temp.Combine("nope"));

        Assert.Equal(Program.UsageError, code);
        Assert.Contains("does not exist", stderr);
    }

    internal static (int Code, string Stdout, string Stderr) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = Program.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static readonly Lazy<SearchIndex> s_index = new(() => new SearchIndex(SampleKnowledgeBase()));

    private static IReadOnlyList<SearchHit> Search(string query, SearchFilters? filters = null, int limit = 10) =>
        s_index.Value.Search(query, filters, limit);

    private static int Index(SearchHit hit) => s_index.Value.KnowledgeBase.PostMortems.ToList().IndexOf(hit.PostMortem);

    internal static KnowledgeBase SampleKnowledgeBase() => ReadKnowledgeBase(Repo.SampleInput);

    internal static KnowledgeBase ReadKnowledgeBase(string folder)
    {
        return KnowledgeBaseReader.ReadAsync(folder).GetAwaiter().GetResult().KnowledgeBase;
    }
}
