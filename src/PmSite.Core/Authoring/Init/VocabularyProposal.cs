using System.Globalization;
using System.Text.RegularExpressions;
using PmSite.Parsing;

namespace PmSite.Authoring.Init;

/// <summary>
/// A vocabulary proposed for <c>pmsite.yml</c>: the values to declare, most severe (or least finished) first, the aliases
/// that map the folder's other words onto them, and the words that could not be placed. <see cref="Declare"/> is false
/// when a word could not be placed: a declared vocabulary would turn that word into an error.
/// </summary>
internal sealed partial record VocabularyProposal(
    IReadOnlyList<string> Values,
    IReadOnlyDictionary<string, string> Aliases,
    IReadOnlyList<(string Word, string Reason)> Unplaced,
    string? Scale)
{
    public bool Declare => Values.Count > 0 && Unplaced.Count == 0;

    /// <summary>PmSite's own statuses of a post-mortem, in the order a document goes through them.</summary>
    public static readonly IReadOnlyList<string> CanonicalStatuses = ["Draft", "Under Review", "Published"];

    // A post-mortem's status is the state of the document. Teams often write the state of the incident instead: an
    // incident that is resolved or closed has its review finished, so its document is the published record; one still
    // open or being investigated has an unfinished document, a draft. Words for the same in the languages teams write.
    private static readonly Dictionary<string, string> s_statusWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resolved"] = "Published", ["closed"] = "Published", ["done"] = "Published", ["fixed"] = "Published",
        ["mitigated"] = "Published", ["finished"] = "Published", ["approved"] = "Published", ["final"] = "Published",
        ["complete"] = "Published", ["completed"] = "Published", ["published"] = "Published",
        ["løst"] = "Published", ["lukket"] = "Published", ["afsluttet"] = "Published", ["ferdig"] = "Published",
        ["gelöst"] = "Published", ["geschlossen"] = "Published", ["erledigt"] = "Published", ["abgeschlossen"] = "Published",
        ["résolu"] = "Published", ["fermé"] = "Published", ["terminé"] = "Published",
        ["resuelto"] = "Published", ["cerrado"] = "Published", ["opgelost"] = "Published", ["gesloten"] = "Published",
        ["löst"] = "Published", ["stängd"] = "Published", ["risolto"] = "Published", ["chiuso"] = "Published",
        ["resolvido"] = "Published", ["fechado"] = "Published", ["решено"] = "Published", ["закрыт"] = "Published",
        ["in review"] = "Under Review", ["under review"] = "Under Review", ["review"] = "Under Review",
        ["reviewing"] = "Under Review", ["pending review"] = "Under Review", ["awaiting review"] = "Under Review",
        ["ready for review"] = "Under Review",
        ["draft"] = "Draft", ["wip"] = "Draft", ["work in progress"] = "Draft", ["in progress"] = "Draft",
        ["open"] = "Draft", ["ongoing"] = "Draft", ["investigating"] = "Draft", ["todo"] = "Draft", ["to do"] = "Draft",
        ["udkast"] = "Draft", ["entwurf"] = "Draft", ["brouillon"] = "Draft", ["borrador"] = "Draft", ["concept"] = "Draft",
    };

    /// <summary>
    /// Severities: the most used scale (by post-mortems), its levels in use; on a numbered scale every level between the
    /// most and the least severe in use, as a scale has no holes. Words of other scales map to the level at their position.
    /// </summary>
    public static VocabularyProposal ForSeverities(IReadOnlyDictionary<string, int> words)
    {
        var placed = words.Select(w => (Word: w.Key, Count: w.Value, Level: Level(w.Key))).ToList();
        var unplaced = placed.Where(p => p.Level is null).Select(p => (p.Word, "on no severity scale PmSite knows")).ToList();
        var onScales = placed.Where(p => p.Level is not null).Select(p => (p.Word, p.Count, Level: p.Level!.Value)).ToList();
        if (onScales.Count == 0)
        {
            return new VocabularyProposal([], new Dictionary<string, string>(), Sorted(unplaced), null);
        }

        var scale = onScales.GroupBy(p => p.Level.Scale)
            .OrderByDescending(g => g.Sum(p => p.Count))
            .ThenBy(g => Array.IndexOf(s_scalePreference, g.Key))
            .First().Key;
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        List<string> values;
        if (scale == Words)
        {
            // At each position the word the folder uses most names the level; its synonyms ("Major" beside "High") map to it.
            var levels = onScales.Where(p => p.Level.Scale == Words)
                .GroupBy(p => p.Level.Number)
                .ToDictionary(g => g.Key, g => g.GroupBy(p => SeverityScale.Canonical(p.Word), StringComparer.Ordinal)
                    .OrderByDescending(c => c.Sum(p => p.Count)).ThenBy(c => c.Key, StringComparer.Ordinal).First().Key);
            values = levels.OrderBy(l => l.Key).Select(l => l.Value).ToList();
            foreach (var (word, _, level) in onScales)
            {
                var position = level.Scale == Words ? level.Number : Math.Max(1, level.Number);
                if (levels.TryGetValue(position, out var target))
                {
                    targets[word] = target;
                }
                else
                {
                    unplaced.Add((word, $"no level at its position among {string.Join(", ", values)}"));
                }
            }
        }
        else
        {
            // Numbered to numbered by number (P0 is SEV0); a word by its position (Critical is SEV1).
            var numbers = onScales.ToDictionary(p => p.Word, p => p.Level.Number, StringComparer.Ordinal);
            var low = numbers.Values.Min();
            var high = numbers.Values.Max();
            values = Enumerable.Range(low, high - low + 1).Select(n => scale + n.ToString(CultureInfo.InvariantCulture)).ToList();
            foreach (var (word, number) in numbers)
            {
                targets[word] = scale + number.ToString(CultureInfo.InvariantCulture);
            }
        }

        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, target) in targets.OrderBy(t => Level(t.Key)!.Value.Number).ThenBy(t => t.Key, StringComparer.Ordinal))
        {
            if (!string.Equals(word, target, StringComparison.OrdinalIgnoreCase))
            {
                aliases.TryAdd(word, target);
            }
        }

        return new VocabularyProposal(values, aliases, Sorted(unplaced), scale == Words ? "Critical/High/Medium/Low" : scale + "n");
    }

    /// <summary>
    /// Statuses: PmSite's own three when the folder uses any, every other word mapped to one of them by meaning
    /// (see the table above and <see cref="FieldValues.Status"/>).
    /// </summary>
    public static VocabularyProposal ForStatuses(IReadOnlyDictionary<string, int> words)
    {
        if (words.Count == 0)
        {
            return new VocabularyProposal([], new Dictionary<string, string>(), [], null);
        }

        var aliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var unplaced = new List<(string, string)>();
        foreach (var word in words.Keys.Order(StringComparer.Ordinal))
        {
            var normalised = word.Trim().Replace('-', ' ').Replace('_', ' ');
            var target = CanonicalStatuses.FirstOrDefault(s => string.Equals(s, word, StringComparison.OrdinalIgnoreCase))
                ?? s_statusWords.GetValueOrDefault(normalised)
                ?? FieldValues.Status(word);
            if (target is null)
            {
                unplaced.Add((word, "not a word PmSite knows for Draft, Under Review or Published"));
            }
            else if (!string.Equals(word, target, StringComparison.OrdinalIgnoreCase))
            {
                aliases.TryAdd(word, target);
            }
        }

        return new VocabularyProposal(CanonicalStatuses, aliases, Sorted(unplaced), null);
    }

    private const string Words = "words";

    // On a tie between scales, the one whose levels are unambiguous is preferred.
    private static readonly string[] s_scalePreference = ["SEV", "P", Words, "S"];

    /// <summary>A severity's scale and its level on it: the number of a numbered level, 1 to 5 for the scale words.</summary>
    private static (string Scale, int Number)? Level(string word)
    {
        var canonical = SeverityScale.Canonical(word);
        var numbered = NumberedLevel().Match(canonical);
        if (numbered.Success)
        {
            return (numbered.Groups["scale"].Value, int.Parse(numbered.Groups["n"].Value, CultureInfo.InvariantCulture));
        }

        return SeverityScale.Position(word) is { } position ? (Words, position + 1) : null;
    }

    private static List<(string Word, string Reason)> Sorted(List<(string Word, string Reason)> unplaced) =>
        unplaced.OrderBy(u => u.Word, StringComparer.Ordinal).ToList();

    [GeneratedRegex(@"^(?<scale>SEV|P|S)(?<n>[0-5])$")]
    private static partial Regex NumberedLevel();
}
