using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Analysis.Util;
using Lucene.Net.Util;

namespace PmSite.Related;

/// <summary>
/// Turns text into the stemmed terms that similarity compares, with Lucene's English analysis (tokenising,
/// lower-casing, stop words, Porter stemming), and remembers a readable word for each stem so reasons say
/// "connection", not "connect".
/// </summary>
internal sealed class TermExtractor : IDisposable
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

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

    private readonly Analyzer _stemming = new EnglishAnalyzer(Version, StopWords());

    private static CharArraySet StopWords()
    {
        var words = new CharArraySet(Version, EnglishAnalyzer.DefaultStopSet.Count + s_extraStopWords.Length, ignoreCase: true);
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

        // Stems are looked up as the analyser's own characters: a string is made only for a stem seen the first time.
        var countOf = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var excluded = exclude?.GetAlternateLookup<ReadOnlySpan<char>>();
        using var stream = _stemming.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var stem = term.Buffer.AsSpan(0, term.Length);
            if (stem.Length < 3 || IsNumber(stem) || excluded?.Contains(stem) == true)
            {
                continue;
            }

            if (countOf.TryGetValue(stem, out var known, out var count))
            {
                counts[known] = count + weight;
                continue;
            }

            var key = new string(stem);
            counts.Add(key, weight);
            var word = text[offset.StartOffset..offset.EndOffset].ToLowerInvariant();
            // A possessive's "'s" is not part of the word a reader would recognise.
            surfaces.TryAdd(key, word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word);
        }

        stream.End();
    }

    /// <summary>The stems of a text, e.g. of a service name.</summary>
    public HashSet<string> Stems(string text)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        AddTerms(text, 1, counts, new Dictionary<string, string>(StringComparer.Ordinal));
        return counts.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public void Dispose() => _stemming.Dispose();

    private static bool IsNumber(ReadOnlySpan<char> term)
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
