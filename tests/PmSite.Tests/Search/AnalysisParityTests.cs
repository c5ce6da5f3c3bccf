using System.Text.Json;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using PmSite.Content;
using PmSite.Search;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Search;

/// <summary>
/// The browser analyses queries with theme/assets/search.js; it must give the terms Lucene gives, or
/// the browser would look up terms the index does not have. Checked on every word of the sample
/// knowledge base and of the real-world dfds corpus, under node.
/// </summary>
public sealed class AnalysisParityTests
{
    // The real-world corpus lives beside the repository (shared/corpora); where it is absent only the sample is checked.
    public static TheoryData<string> Corpora =>
        Directory.Exists(Repo.Corpus("dfds")) ? new() { "sample", "dfds" } : new() { "sample" };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void The_javascript_porter_stemmer_agrees_with_lucene_on_every_word(string corpus)
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        using var unstemmed = Unstemmed();
        foreach (var text in Texts(corpus))
        {
            foreach (var word in Terms(unstemmed, text))
            {
                words.Add(word);
            }
        }

        using var stemmer = Analyzer.NewAnonymous((_, reader) =>
        {
            var source = new KeywordTokenizer(reader);
            return new TokenStreamComponents(source, new PorterStemFilter(source));
        });
        var pairs = words.Select(w => new[] { w, Terms(stemmer, w).Single() }).ToList();
        Assert.True(pairs.Count > (corpus == "sample" ? 1500 : 2000), $"only {pairs.Count} words");

        var mismatches = RunNode("""
            const { stem } = require(process.argv[1]);
            const pairs = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
            const bad = pairs.filter(([word, expected]) => stem(word) !== expected).map(([w, e]) => `${w} → ${stem(w)} (Lucene: ${e})`);
            console.log(JSON.stringify(bad));
            """, pairs);
        Assert.Empty(mismatches);
    }

    [Theory]
    [MemberData(nameof(Corpora))]
    public void The_javascript_analyzer_gives_lucenes_terms_for_every_text(string corpus)
    {
        using var english = SearchIndex.CreateAnalyzer();
        var cases = Texts(corpus).Select(text => new[] { text, string.Join(" ", Terms(english, text)) }).ToList();

        var mismatches = RunNode("""
            const { analyze } = require(process.argv[1]);
            const cases = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
            const bad = [];
            for (const [text, expected] of cases) {
              const actual = analyze(text).map(t => t.term).join(' ');
              if (actual !== expected) {
                const a = actual.split(' '), e = expected.split(' ');
                let i = 0; while (i < a.length && a[i] === e[i]) i++;
                bad.push(`at term ${i}: js [${a.slice(Math.max(0, i - 2), i + 3).join(' ')}] lucene [${e.slice(Math.max(0, i - 2), i + 3).join(' ')}]`);
              }
            }
            console.log(JSON.stringify(bad));
            """, cases);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData("leaking connections", "leak connect")]
    [InlineData("The service's pods weren't ready", "servic pod weren't readi")]
    [InlineData("Alice’s HikariCP pool", "alic hikaricp pool")]
    [InlineData("v2023.34.1 at 14:02 UTC, 18,000 users; e.g. foo_bar", "v2023.34.1 14 02 utc 18,000 user e.g foo_bar")]
    [InlineData("checkout-api/order-db x.y.z", "checkout api order db x.y.z")]
    [InlineData("Ünïcödé naïve café — 東京 日本語", "ünïcödé naïv café 東 京 日 本 語")]
    public void Tokenizes_stems_and_drops_stop_words_like_lucene(string text, string expected)
    {
        using var english = SearchIndex.CreateAnalyzer();
        Assert.Equal(expected, string.Join(" ", Terms(english, text)));
        var js = RunNode("""
            const { analyze } = require(process.argv[1]);
            const [text] = JSON.parse(require('fs').readFileSync(process.argv[2], 'utf8'));
            console.log(JSON.stringify([analyze(text).map(t => t.term).join(' ')]));
            """, new[] { text });
        Assert.Equal(expected, js.Single());
    }

    private static List<string> RunNode(string script, object data)
    {
        using var temp = new TempFolder();
        var input = temp.Write("data.json", JsonSerializer.Serialize(data));
        var output = Node.Run(script, Path.Combine(Repo.Theme, "assets", "search.js"), input);
        return JsonSerializer.Deserialize<List<string>>(output) ?? [];
    }

    /// <summary>Every searchable text of a corpus: each field of each post-mortem.</summary>
    private static IEnumerable<string> Texts(string corpus)
    {
        var folder = corpus == "sample" ? Repo.SampleInput : Repo.Corpus(corpus);
        Assert.True(Directory.Exists(folder), $"corpus folder {folder} is missing");
        KnowledgeBase knowledgeBase = LuceneSearchTests.ReadKnowledgeBase(folder);
        Assert.NotEmpty(knowledgeBase.PostMortems);
        return knowledgeBase.PostMortems.SelectMany(SearchFields.TextOf).Where(t => t.Length > 0);
    }

    /// <summary>EnglishAnalyzer without its stemmer: the words the stemmer sees.</summary>
    private static Analyzer Unstemmed() => Analyzer.NewAnonymous((_, reader) =>
    {
        var source = new StandardTokenizer(SearchIndex.Version, reader);
        TokenStream result = new StandardFilter(SearchIndex.Version, source);
        result = new EnglishPossessiveFilter(SearchIndex.Version, result);
        result = new LowerCaseFilter(SearchIndex.Version, result);
        result = new StopFilter(SearchIndex.Version, result, EnglishAnalyzer.DefaultStopSet);
        return new TokenStreamComponents(source, result);
    });

    private static List<string> Terms(Analyzer analyzer, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream("body", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms;
    }
}
