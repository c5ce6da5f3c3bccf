using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;
using PmSite.Related;

namespace PmSite.Tests.Related;

/// <summary>Terms come out as Lucene's EnglishAnalyzer makes them, though each distinct word is filtered only once.</summary>
public sealed class TermExtractorTests
{
    private static readonly string[] s_texts =
    [
        "The checkout API's connection pool was exhausted; connections leaked, and the pool's limit was hit.",
        "Sarah’s certificates EXPIRED at 00:00 — 3.5 hours, 1,000 requests, e.g. ＇quoted＇ O'Neil's café, naïve résumé.",
        "write-ahead logs, foo_bar, x.y.z, v2.3.1, don't, can't, U.S.A., INC-1003 and PM2019-009 again and again",
        "日本語のテキスト and emoji 🙂 mixed with Ωmega and ΣΊΣΥΦΟΣ; Connection CONNECTION connection connections",
        "",
        "   ",
    ];

    [Fact]
    public void Terms_match_EnglishAnalyzer_word_for_word()
    {
        using var extractor = new TermExtractor();
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var surfaces = new Dictionary<string, string>(StringComparer.Ordinal);
        var expectedCounts = new Dictionary<string, double>(StringComparer.Ordinal);
        var expectedSurfaces = new Dictionary<string, string>(StringComparer.Ordinal);

        // Twice over, so that the second pass reads every word from what the first remembered.
        foreach (var text in s_texts.Concat(s_texts))
        {
            extractor.AddTerms(text, 2, counts, surfaces);
            AddWithEnglishAnalyzer(text, 2, expectedCounts, expectedSurfaces);
        }

        Assert.NotEmpty(counts);
        Assert.Equal(expectedCounts.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Equal(expectedSurfaces.OrderBy(kv => kv.Key, StringComparer.Ordinal), surfaces.OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    // The extraction as it was written against EnglishAnalyzer itself.
    private static void AddWithEnglishAnalyzer(string text, double weight, Dictionary<string, double> counts, Dictionary<string, string> surfaces)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        using var analyzer = new EnglishAnalyzer(LuceneVersion.LUCENE_48, TermExtractor.StopWords());
        using var stream = analyzer.GetTokenStream("text", text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        while (stream.IncrementToken())
        {
            var stem = term.ToString();
            if (stem.Length < 3 || stem.All(c => char.IsDigit(c) || c is '.' or ',' or ':' or '-'))
            {
                continue;
            }

            counts[stem] = counts.GetValueOrDefault(stem) + weight;
            if (!surfaces.ContainsKey(stem))
            {
                var word = text[offset.StartOffset..offset.EndOffset].ToLowerInvariant();
                surfaces[stem] = word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
            }
        }

        stream.End();
    }
}
