using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace PmSite.Redaction;

/// <summary>
/// A value the build knows is sensitive: a person, customer, system, term or withheld incident. Multi-word values
/// match whatever separates their words ("Marta Kowalczyk", "marta.kowalczyk", "marta-kowalczyk", a line break);
/// <see cref="CaseSensitive"/> values (a first name alone) match only as written.
/// </summary>
internal sealed record KnownValue(string Text, RedactionClass Class, string Identity, bool CaseSensitive)
{
    /// <summary>A fixed replacement: a term's, or a system's site-wide pseudonym.</summary>
    public string? Replacement { get; init; }
}

/// <summary>Finds known values in a text, longest first, as whole words (a possessive "'s" may follow).</summary>
internal sealed class KnownValueDetector : IDetector
{
    /// <summary>What may stand between the words of a multi-word value.</summary>
    internal const string Separator = @"(?:[\s\-_.+]|%20)*";

    private readonly ValueMatcher? _ignoreCase;
    private readonly ValueMatcher? _exactCase;
    private readonly Dictionary<string, KnownValue> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KnownValue> _byExact = new(StringComparer.Ordinal);

    public KnownValueDetector(IEnumerable<KnownValue> values)
    {
        var ignoreCase = new List<string>();
        var exactCase = new List<string>();
        foreach (var value in values.Where(v => v.Text.Trim().Length > 0))
        {
            if (value.CaseSensitive)
            {
                if (_byExact.TryAdd(value.Text, value))
                {
                    exactCase.Add(value.Text);
                }
            }
            else if (_byKey.TryAdd(Key(value.Text), value))
            {
                ignoreCase.Add(value.Text);
            }
        }

        _ignoreCase = Build(ignoreCase, RegexOptions.IgnoreCase);
        _exactCase = Build(exactCase, RegexOptions.None);
    }

    public IEnumerable<Finding> Find(ScanText scan)
    {
        if (_ignoreCase is not null)
        {
            foreach (var m in _ignoreCase.Matches(scan.Text))
            {
                if (_byKey.TryGetValue(Key(m.Value), out var value))
                {
                    yield return ToFinding(m, value);
                }
            }
        }

        if (_exactCase is not null)
        {
            foreach (var m in _exactCase.Matches(scan.Text))
            {
                if (_byExact.TryGetValue(m.Value, out var value))
                {
                    yield return ToFinding(m, value);
                }
            }
        }
    }

    private static Finding ToFinding(Match m, KnownValue value) =>
        new(m.Index, m.Length, value.Class, m.Value)
        {
            Identity = value.Identity,
            Replacement = value.Replacement,
            CaseSensitive = value.CaseSensitive,
        };

    /// <summary>A value's pattern: its words escaped and joined by <see cref="Separator"/>.</summary>
    internal static string Pattern(string text) =>
        string.Join(Separator, text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape));

    /// <summary>A value as compared after matching: lower-cased, separators dropped.</summary>
    internal static string Key(string text)
    {
        var sb = new StringBuilder(text.Length);
        var t = text.Replace("%20", " ", StringComparison.Ordinal);
        foreach (var c in t)
        {
            if (!(char.IsWhiteSpace(c) || c is '-' or '_' or '.' or '+'))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>One matcher for many values: whole words, longest alternatives first so "Marta Kowalczyk" wins over "Marta".</summary>
    internal static ValueMatcher? Build(IEnumerable<string> texts, RegexOptions options)
    {
        var list = texts.Where(t => t.Trim().Length > 0).Distinct().ToList();
        return list.Count == 0 ? null : new ValueMatcher(list, options.HasFlag(RegexOptions.IgnoreCase));
    }
}

/// <summary>
/// Finds many values in a text quickly: a vectorised search for the first word of any value finds the few places
/// worth trying, and one regex of all values, anchored there, decides. Hundreds of values cost about one pass.
/// </summary>
internal sealed class ValueMatcher
{
    private readonly SearchValues<string> _firstWords;
    private readonly Regex _regex;

    public ValueMatcher(IReadOnlyList<string> texts, bool ignoreCase)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        _firstWords = SearchValues.Create(texts.Select(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0]).Distinct().ToArray(), comparison);
        var patterns = texts.OrderByDescending(t => t.Length).ThenBy(t => t, StringComparer.Ordinal).Select(KnownValueDetector.Pattern);
        _regex = new Regex(@"\G(?<![\p{L}\p{N}])(?:" + string.Join('|', patterns) + @")(?![\p{L}\p{N}])",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant);
    }

    public IEnumerable<Match> Matches(string text)
    {
        var at = 0;
        while (at < text.Length)
        {
            var next = text.AsSpan(at).IndexOfAny(_firstWords);
            if (next < 0)
            {
                yield break;
            }

            var match = _regex.Match(text, at + next);
            if (match.Success)
            {
                yield return match;
                at = match.Index + Math.Max(1, match.Length);
            }
            else
            {
                at += next + 1;
            }
        }
    }
}
