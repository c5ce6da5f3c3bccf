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
    }

    private static InvertedIndex Session(IReadOnlyList<PostMortem> postMortems, DocumentAnalyses analyses) => InvertedIndex.Of(postMortems, analyses);

    private static PostMortem Parse(int i, string cause) =>
        PostMortemParser.Parse($"INC-{i}.md", SiteFixture.PostMortem($"INC-{i}", title: $"Incident {i % 13} outage", extra: $"tags: [t{i % 5}]",
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
