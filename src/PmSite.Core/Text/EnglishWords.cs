using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PmSite.Text;

/// <summary>
/// Lucene's <see cref="EnglishAnalyzer"/> in two parts: its tokeniser over a text, and its filters (possessives, lower
/// case, stop words, Porter stemming) over one word at a time. Every filter looks at one token and nothing else, so what
/// they make of a word is the same wherever it stands: a knowledge base repeats a few thousand words millions of times,
/// and each is filtered once and remembered.
/// </summary>
internal static class EnglishWords
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>The words of a text, as EnglishAnalyzer's tokeniser finds them.</summary>
    public static Analyzer Tokeniser() => Analyzer.NewAnonymous((_, reader) => new TokenStreamComponents(new StandardTokenizer(Version, reader)));

    /// <summary>EnglishAnalyzer's filters, in its order, over a single word (the whole input is one token).</summary>
    public static Analyzer Filters(CharArraySet stopWords) => Analyzer.NewAnonymous((_, reader) =>
    {
        var word = new KeywordTokenizer(reader);
        TokenStream result = new StandardFilter(Version, word);
        result = new EnglishPossessiveFilter(Version, result);
        result = new LowerCaseFilter(Version, result);
        result = new StopFilter(Version, result, stopWords);
        return new TokenStreamComponents(word, new PorterStemFilter(result));
    });

    /// <summary>The term the filters make of one word, or null for a stop word.</summary>
    public static string? Filter(Analyzer filters, string word)
    {
        using var stream = filters.GetTokenStream("word", word);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        var filtered = stream.IncrementToken() ? term.ToString() : null;
        stream.End();
        return filtered;
    }
}
