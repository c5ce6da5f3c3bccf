using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using PmSite.Content;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>
/// The browser index is written from PmSite's own inversion, the CLI ranks with Lucene's index: both must hold the same
/// terms, document frequencies, term frequencies, norm bytes and field lengths, or the browser would rank differently.
/// The post-mortems are inverted in ranges, so even the sample's terms are put together from several.
/// </summary>
public sealed class InvertedIndexTests
{
    public static TheoryData<string> Corpora =>
        Directory.Exists(Repo.Corpus("dfds")) ? new() { "sample", "dfds" } : new() { "sample" };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Holds_what_lucenes_index_holds(string corpus) =>
        AssertSameAsLucene(LuceneSearchTests.ReadKnowledgeBase(corpus == "sample" ? Repo.SampleInput : Repo.Corpus(corpus)));

    private static void AssertSameAsLucene(KnowledgeBase knowledgeBase)
    {
        using var lucene = new SearchIndex(knowledgeBase);
        var reader = lucene.Reader;
        var inverted = InvertedIndex.Of(knowledgeBase.PostMortems);
        var postings = new TermPostings(SearchFields.All.Count);
        Assert.Equal(reader.MaxDoc, inverted.DocCount);
        for (var f = 0; f < SearchFields.All.Count; f++)
        {
            var field = SearchFields.All[f].Name;
            var terms = reader.Fields.GetTerms(field);
            Assert.Equal(terms.SumTotalTermFreq, inverted.SumTotalTermFreq[f]);
            var norms = reader.GetNormValues(field);
            var termsEnum = terms.GetEnumerator();
            var luceneTerms = 0;
            while (termsEnum.MoveNext())
            {
                luceneTerms++;
            }

            var ours = 0;
            termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            for (var t = 0; t < inverted.Terms.Length; t++)
            {
                inverted.Read(t, postings);
                var found = termsEnum.SeekExact(new BytesRef(inverted.Terms[t]));
                Assert.True(found == postings.DocFreq[f] > 0, $"{field}:{inverted.Terms[t]}");
                if (!found)
                {
                    continue;
                }

                ours++;
                Assert.Equal(termsEnum.DocFreq, postings.DocFreq[f]);
                docs = termsEnum.Docs(null, docs, DocsFlags.FREQS);
                for (var i = 0; i < postings.Count; i++)
                {
                    if (postings.Freq(i, f) == 0)
                    {
                        continue;
                    }

                    Assert.Equal(postings.Doc(i), docs.NextDoc());
                    Assert.Equal(docs.Freq, postings.Freq(i, f));
                    Assert.Equal((byte)norms.Get(postings.Doc(i)), postings.Norm(i, f));
                }

                Assert.Equal(DocIdSetIterator.NO_MORE_DOCS, docs.NextDoc());
            }

            Assert.Equal(luceneTerms, ours);
        }
    }
}
