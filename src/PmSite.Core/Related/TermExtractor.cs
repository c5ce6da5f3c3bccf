using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using PmSite.Text;

namespace PmSite.Related;

/// <summary>
/// Turns text into the stemmed terms that similarity compares, with Lucene's English analysis (tokenising,
/// lower-casing, stop words, Porter stemming), and remembers a readable word for each stem so reasons say
/// "connection", not "connect". Every filter after the tokeniser works on one word at a time, so each distinct word
/// is filtered once and remembered: a knowledge base repeats a few thousand words millions of times.
/// </summary>
internal sealed class TermExtractor : IDisposable
{
    // Lucene's English stop words are the classic 33; similarity needs more, or two post-mortems look alike
    // because both say "because", "after" and "were".
    private static readonly string[] s_extraStopWords =
    [
        "about", "above", "after", "again", "against", "all", "also", "am", "any", "because", "been", "before", "being",
        "below", "between", "both", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "every", "few",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "however", "i",
        "its", "just", "left", "less", "more", "most", "much", "must", "my", "never", "nor", "now", "off", "once", "only",
        "other", "our", "ours", "out", "over", "own", "same", "she", "should", "since", "so", "some", "still", "than",
        "them", "themselves", "those", "through", "too", "under", "until", "up", "upon", "very", "via", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "within", "without", "would", "yet", "you", "your",
        "one", "two", "three", "first", "second", "new", "time", "times", "minutes", "hours", "day", "days", "made", "make",
        "used", "using", "use", "went", "got", "get", "took", "take", "may", "might", "well", "like", "many", "even",
    ];

    private readonly Analyzer _tokeniser = EnglishWords.Tokeniser();
    private readonly Analyzer _filters = EnglishWords.Filters(s_stopWords);

    private static readonly CharArraySet s_stopWords = StopWords();

    // Each word as the tokeniser gave it, with its stem (null for a stop word) and the word as reasons show it: one table
    // shared by all threads, so that each word is filtered once, and a copy per thread of the words it met, as a word
    // is looked up millions of times and a plain dictionary is much faster at that than a concurrent one.
    private readonly ConcurrentDictionary<string, (string? Stem, string Surface)> _analysed = new(StringComparer.Ordinal);
    private readonly ThreadLocal<Dictionary<string, (string? Stem, string Surface)>> _met = new(() => new(StringComparer.Ordinal));

    /// <summary>The stop words: Lucene's English ones and the extra ones above.</summary>
    internal static CharArraySet StopWords()
    {
        var words = new CharArraySet(EnglishWords.Version, EnglishAnalyzer.DefaultStopSet.Count + s_extraStopWords.Length, ignoreCase: true);
        words.UnionWith(EnglishAnalyzer.DefaultStopSet);
        words.UnionWith(s_extraStopWords);
        return words;
    }

    /// <summary>
    /// Counts each term of <paramref name="text"/>, adding <paramref name="weight"/> per occurrence, and records the
    /// first word seen for each stem in <paramref name="surfaces"/> (one dictionary per document, so parallel
    /// extraction stays deterministic). The two dictionaries always hold the same stems.
    /// </summary>
    public void AddTerms(string text, double weight, Dictionary<string, double> counts, Dictionary<string, string> surfaces, HashSet<string>? exclude = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var met = _met.Value!;
        var known = met.GetAlternateLookup<ReadOnlySpan<char>>();
        using var stream = _tokeniser.GetTokenStream("text", text);
        var token = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var word = token.Buffer.AsSpan(0, token.Length);
            if (!known.TryGetValue(word, out var analysed))
            {
                var key = new string(word);
                met[key] = analysed = _analysed.GetOrAdd(key, Analyse);
            }

            var (stem, surface) = analysed;
            if (stem is null || stem.Length < 3 || IsNumber(stem) || exclude?.Contains(stem) == true)
            {
                continue;
            }

            CollectionsMarshal.GetValueRefOrAddDefault(counts, stem, out var seen) += weight;
            if (!seen)
            {
                surfaces.TryAdd(stem, surface);
            }
        }

        stream.End();
    }

    /// <summary>What EnglishAnalyzer's filters make of one word, and the word as a reader would recognise it.</summary>
    private (string? Stem, string Surface) Analyse(string word)
    {
        var stem = EnglishWords.Filter(_filters, word);
        // The tokeniser's word is the text as written; a possessive's "'s" is not part of the word a reader would recognise.
        var surface = word.ToLowerInvariant();
        return (stem, surface.EndsWith("'s", StringComparison.Ordinal) ? surface[..^2] : surface);
    }

    /// <summary>The stems of a text, e.g. of a service name.</summary>
    public HashSet<string> Stems(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        AddTerms(text, 1, counts, new Dictionary<string, string>(StringComparer.Ordinal));
        return counts.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public void Dispose()
    {
        _tokeniser.Dispose();
        _filters.Dispose();
        _met.Dispose();
    }

    private static bool IsNumber(string term)
    {
        foreach (var c in term)
        {
            if (!char.IsDigit(c) && c is not ('.' or ',' or ':' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
