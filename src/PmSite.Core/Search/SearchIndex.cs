using System.Globalization;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using PmSite.Content;
using PmSite.Model;
using PmSite.Rendering;

namespace PmSite.Search;

/// <summary>Restricts results to one severity, service, tag and/or year (each optional).</summary>
public sealed record SearchFilters(string? Severity = null, string? Service = null, string? Tag = null, int? Year = null)
{
    public static readonly SearchFilters None = new();

    public bool IsEmpty => Severity is null && Service is null && Tag is null && Year is null;
}

/// <summary>A ranked result: the post-mortem, its page URL (site-relative) and Lucene's BM25 score.</summary>
public sealed record SearchHit(PostMortem PostMortem, string Url, float Score);

/// <summary>
/// An in-memory Lucene index of a knowledge base: English analysis (standard tokenizer, possessives,
/// lower case, stop words, Porter stemming) and BM25 over the weighted <see cref="SearchFields"/>.
/// Document numbers are the post-mortems' positions in <see cref="KnowledgeBase.PostMortems"/>
/// (newest first), which is also how ties are broken.
/// </summary>
public sealed class SearchIndex : IDisposable
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private readonly RAMDirectory _directory = new();
    private readonly Analyzer _analyzer = CreateAnalyzer();
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly SiteUrls _urls;

    public SearchIndex(KnowledgeBase knowledgeBase)
    {
        KnowledgeBase = knowledgeBase;
        _urls = new SiteUrls(knowledgeBase.Settings.BaseUrl);
        var config = new IndexWriterConfig(Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE,
            Similarity = new BM25Similarity(),
            // One flush, one segment: document numbers stay the order documents were added in.
            RAMBufferSizeMB = 1024,
            MaxBufferedDocs = IndexWriterConfig.DISABLE_AUTO_FLUSH,
            MergePolicy = NoMergePolicy.NO_COMPOUND_FILES,
        };
        using (var writer = new IndexWriter(_directory, config))
        {
            foreach (var postMortem in knowledgeBase.PostMortems)
            {
                writer.AddDocument(ToDocument(postMortem));
            }

            writer.Commit();
        }

        _reader = DirectoryReader.Open(_directory);
        _searcher = new IndexSearcher(_reader) { Similarity = new BM25Similarity() };
    }

    public KnowledgeBase KnowledgeBase { get; }

    /// <summary>The single segment's reader: the browser index's own inversion (<see cref="InvertedIndex"/>) is checked against it.</summary>
    internal AtomicReader Reader => _reader.Leaves.Count == 1
        ? _reader.Leaves[0].AtomicReader
        : _reader.Leaves.Count == 0 ? throw new InvalidOperationException("the index is empty") : throw new InvalidOperationException("the index has more than one segment");

    /// <summary>The analyzer used for the index and for queries: Lucene's <see cref="EnglishAnalyzer"/>.</summary>
    public static Analyzer CreateAnalyzer() => new EnglishAnalyzer(Version);

    /// <summary>The distinct terms of a query after analysis, in the order they first appear.</summary>
    public static IReadOnlyList<string> Analyze(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var value = term.ToString();
            if (!terms.Contains(value, StringComparer.Ordinal))
            {
                terms.Add(value);
            }
        }

        stream.End();
        return terms;
    }

    public IReadOnlyList<string> Analyze(string text) => Analyze(_analyzer, text);

    /// <summary>
    /// Ranks post-mortems for a query: every query term is looked up in every field, each field with its
    /// boost, and the BM25 scores are summed (any term may match). Filters narrow without changing scores.
    /// </summary>
    public IReadOnlyList<SearchHit> Search(string query, SearchFilters? filters = null, int limit = 10)
    {
        var terms = Analyze(query);
        if (terms.Count == 0 || limit <= 0)
        {
            return [];
        }

        var boolean = new BooleanQuery(disableCoord: true);
        foreach (var term in terms)
        {
            foreach (var field in SearchFields.All)
            {
                boolean.Add(new TermQuery(new Term(field.Name, term)) { Boost = field.Boost }, Occur.SHOULD);
            }
        }

        var filter = FilterOf(filters ?? SearchFilters.None);
        var top = filter is null ? _searcher.Search(boolean, limit) : _searcher.Search(boolean, filter, limit);
        return top.ScoreDocs.Select(hit =>
        {
            var postMortem = KnowledgeBase.PostMortems[hit.Doc];
            return new SearchHit(postMortem, _urls.Incident(postMortem), hit.Score);
        }).ToList();
    }

    private static QueryWrapperFilter? FilterOf(SearchFilters filters)
    {
        if (filters.IsEmpty)
        {
            return null;
        }

        var query = new BooleanQuery();
        void Require(string field, string? value)
        {
            if (value is not null)
            {
                query.Add(new TermQuery(new Term(field, FacetValue(value))), Occur.MUST);
            }
        }

        Require(SearchFields.SeverityFacet, filters.Severity);
        Require(SearchFields.ServiceFacet, filters.Service);
        Require(SearchFields.TagFacet, filters.Tag);
        Require(SearchFields.YearFacet, filters.Year?.ToString(CultureInfo.InvariantCulture));
        return new QueryWrapperFilter(query);
    }

    /// <summary>Facet values match whatever their case.</summary>
    public static string FacetValue(string value) => value.Trim().ToLowerInvariant();

    private static Lucene.Net.Documents.Document ToDocument(PostMortem postMortem)
    {
        var document = new Lucene.Net.Documents.Document();
        var texts = SearchFields.TextOf(postMortem);
        for (var i = 0; i < SearchFields.All.Count; i++)
        {
            document.Add(new TextField(SearchFields.All[i].Name, texts[i], Field.Store.NO));
        }

        if (postMortem.Severity is { } severity)
        {
            document.Add(new StringField(SearchFields.SeverityFacet, FacetValue(severity), Field.Store.NO));
        }

        foreach (var service in postMortem.Services)
        {
            document.Add(new StringField(SearchFields.ServiceFacet, FacetValue(service), Field.Store.NO));
        }

        foreach (var tag in postMortem.Tags)
        {
            document.Add(new StringField(SearchFields.TagFacet, FacetValue(tag), Field.Store.NO));
        }

        if (postMortem.Year is { } year)
        {
            document.Add(new StringField(SearchFields.YearFacet, year.ToString(CultureInfo.InvariantCulture), Field.Store.NO));
        }

        return document;
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _directory.Dispose();
    }
}
