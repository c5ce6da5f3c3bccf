using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>
/// A preview session's index reuses ranges of post-mortems and kept analyses; whatever it reused, it holds exactly the
/// terms and postings of an index made afresh, over more post-mortems than one range holds.
/// </summary>
public sealed class SessionIndexTests
{
    [Fact]
    public void Edited_added_and_removed_post_mortems_give_the_index_a_fresh_inversion_gives()
    {
        var count = (InvertedIndex.SessionRange * 2) + 37;
        var postMortems = Enumerable.Range(0, count).Select(i => Parse(i, $"Pool number {i} ran dry during deploy {i % 7}.")).ToList();
        var analyses = new DocumentAnalyses();
        AssertSame(InvertedIndex.Of(postMortems), Session(postMortems, analyses));

        // An edit in the second range, one in the last; then one removed from the first (every later range shifts).
        postMortems[InvertedIndex.SessionRange + 3] = Parse(InvertedIndex.SessionRange + 3, "Certificates expired unnoticed; renewal alerts were missing.");
        postMortems[count - 1] = Parse(count - 1, "A brand-new zebra term.");
        AssertSame(InvertedIndex.Of(postMortems), Session(postMortems, analyses));
        postMortems.RemoveAt(5);
        AssertSame(InvertedIndex.Of(postMortems), Session(postMortems, analyses));
        postMortems.Insert(0, Parse(99999, "Inserted first: queue backlog."));
        AssertSame(InvertedIndex.Of(postMortems), Session(postMortems, analyses));

        // Terms only the last post-mortem had go, and no term comes; then an edit that brings no term and takes none.
        postMortems[^1] = Parse(count + 1, "Pool number 1 ran dry during deploy 1.");
        AssertSame(InvertedIndex.Of(postMortems), Session(postMortems, analyses));
        postMortems[^1] = Parse(count + 1, "Pool number 1 ran dry during deploy 1. Pool ran dry.");
        AssertSame(InvertedIndex.Of(postMortems), Session(postMortems, analyses));
    }

    [Fact]
    public void Every_edit_gives_the_browser_index_a_fresh_build_writes()
    {
        var postMortems = Enumerable.Range(0, 40).Select(i => Parse(i, $"Queue number {i} stalled during deploy {i % 7}.")).ToList();
        postMortems[3] = Parse(3, "Pool pool " + Filler(98));
        postMortems[4] = Parse(4, "Pool drained.");
        var analyses = new DocumentAnalyses();
        AssertSameIndex(postMortems, analyses);
        Assert.Equal("INC-4", Top(postMortems, "pool"));

        // "pool" is not in the edited post-mortem, so its postings stay; but a far longer cause elsewhere makes the long
        // cause with "pool" twice the better one: the kept order no longer holds.
        postMortems[10] = Parse(10, Filler(50_000));
        Assert.Equal("INC-3", Top(postMortems, "pool"));
        AssertSameIndex(postMortems, analyses);

        // The same terms, as often, in a longer cause: their postings change by the norm alone.
        postMortems[7] = Parse(7, "Queue number 7 stalled during deploy 0. " + Filler(30));
        AssertSameIndex(postMortems, analyses);

        // A term added, one gone, a post-mortem removed (every later one moves up), one inserted first (INC--1 sorts first).
        postMortems[20] = Parse(20, "A brand-new zebra term.");
        AssertSameIndex(postMortems, analyses);
        postMortems[20] = Parse(20, "Back to queues.");
        AssertSameIndex(postMortems, analyses);
        postMortems.RemoveAt(5);
        AssertSameIndex(postMortems, analyses);
        postMortems.Insert(0, Parse(-1, "Inserted first: pool backlog."));
        AssertSameIndex(postMortems, analyses);
        // Only a tag changed: every other term of the post-mortem keeps its postings, but not its facet summary.
        postMortems[8] = Parse(8, "Queue number 8 stalled during deploy 1.", tags: "[t9, t1]");
        AssertSameIndex(postMortems, analyses);
        // pmsite.yml given another base path.
        AssertSameIndex(postMortems, analyses, "https://example.com/library/");
    }

    private static string Filler(int words) => string.Join(' ', Enumerable.Range(0, words).Select(w => $"w{w % 50}"));

    private static string Top(IReadOnlyList<PostMortem> postMortems, string query)
    {
        using var index = new SearchIndex(new KnowledgeBase(new SiteSettings(), postMortems));
        return index.Search(query, limit: 1)[0].PostMortem.Id;
    }

    private static void AssertSameIndex(IReadOnlyList<PostMortem> postMortems, DocumentAnalyses analyses, string baseUrl = "https://example.com/")
    {
        var knowledgeBase = new KnowledgeBase(new SiteSettings { BaseUrl = baseUrl }, postMortems);
        var expected = BrowserIndex.Write(knowledgeBase);
        var actual = BrowserIndex.Write(knowledgeBase, analyses: analyses);
        Assert.Equal(expected.Select(f => f.Path), actual.Select(f => f.Path));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i].Bytes.AsSpan().SequenceEqual(actual[i].Bytes), expected[i].Path);
        }
    }

    private static InvertedIndex Session(IReadOnlyList<PostMortem> postMortems, DocumentAnalyses analyses) => InvertedIndex.Of(postMortems, analyses);

    private static PostMortem Parse(int i, string cause, string? tags = null) =>
        PostMortemParser.Parse($"INC-{i}.md", SiteFixture.PostMortem($"INC-{i}", title: $"Incident {i % 13} outage", extra: $"tags: {tags ?? $"[t{i % 5}]"}",
            body: $"## Summary\n\nSummary {i}.\n\n## Root Cause\n\n{cause}\n\n## Timeline\n\nNothing {i % 3}.\n"), new SiteSettings(), new DiagnosticBag())
        ?? throw new InvalidOperationException("the test post-mortem does not parse");

    private static void AssertSame(InvertedIndex expected, InvertedIndex actual)
    {
        Assert.Equal(expected.DocCount, actual.DocCount);
        Assert.Equal(expected.SumTotalTermFreq, actual.SumTotalTermFreq);
        Assert.Equal(expected.Terms, actual.Terms);
        var (a, b) = (new TermPostings(SearchFields.All.Count), new TermPostings(SearchFields.All.Count));
        for (var t = 0; t < expected.Terms.Length; t++)
        {
            expected.Read(t, a);
            actual.Read(t, b);
            Assert.Equal(a.Count, b.Count);
            Assert.Equal(a.DocFreq, b.DocFreq);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.Equal(a.Doc(i), b.Doc(i));
                for (var f = 0; f < SearchFields.All.Count; f++)
                {
                    Assert.Equal(a.Freq(i, f), b.Freq(i, f));
                    Assert.Equal(a.Norm(i, f), b.Norm(i, f));
                }
            }
        }
    }
}
