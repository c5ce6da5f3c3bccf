using System.Text.RegularExpressions;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// A vague action item: a goal ("improve testing", "be more careful", "investigate the issue") rather than a
/// concrete change with an object ("add a connection leak test to the integration suite").
/// </summary>
public sealed partial class VagueActionItemRule : ILintRule
{
    private static readonly HashSet<string> s_filler = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "our", "we", "to", "of", "and", "or", "for", "in", "on", "with", "more", "better", "overall",
        "general", "generally", "all", "some", "it", "this", "that", "things", "stuff", "issue", "issues", "problem",
        "problems", "team", "teams", "around", "across", "any", "further", "again", "etc",
    };

    // Nouns too broad to be an object on their own: "add monitoring", "write tests".
    private static readonly HashSet<string> s_generic = new(StringComparer.OrdinalIgnoreCase)
    {
        "test", "tests", "testing", "monitoring", "alerting", "alerts", "alert", "observability", "logging", "logs",
        "documentation", "docs", "communication", "process", "processes", "training", "coverage", "quality", "reliability",
        "code", "review", "reviews", "checks", "validation", "safeguards", "guardrails", "resilience", "performance",
        "stability", "visibility", "awareness", "care", "attention", "runbooks", "automation",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_fillerWords = s_filler.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_genericWords = s_generic.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Name => "vague-action-item";

    public string Description => "An action item that states a goal (\"improve testing\") with no concrete object.";

    public string Hint => "say exactly what changes and where, e.g. \"Add a connection leak test to the integration suite\" instead of \"Improve testing\"";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var item in document.PostMortem.ActionItems.Where(a => a.IsOpen && IsVague(a.Action)))
        {
            yield return document.Finding(this, item.Line, document.ColumnOf(item.Line, item.Action),
                $"action item \"{ActionItemOwnerRule.Short(item.Action)}\" is a goal, not a concrete change",
                "say exactly what changes and where, e.g. \"Add a connection leak test to the integration suite\" instead of \"Improve testing\"");
        }
    }

    /// <summary>Whether an action's text is a goal without a concrete object.</summary>
    internal static bool IsVague(string action)
    {
        var text = action.Trim().TrimEnd('.', '!');
        if (Specific().IsMatch(text))
        {
            return false;
        }

        var exhortation = Exhortation().Match(text);
        if (exhortation.Success)
        {
            return true;
        }

        var verb = VagueVerb().Match(text);
        var rest = verb.Success ? text.AsSpan(verb.Length) : StripLeadingVerb(text);
        var (words, allGeneric) = (0, true);
        foreach (var match in Word().EnumerateMatches(rest))
        {
            var word = rest.Slice(match.Index, match.Length);
            if (!s_fillerWords.Contains(word))
            {
                words++;
                allGeneric &= s_genericWords.Contains(word);
            }
        }

        if (verb.Success)
        {
            return words <= 2;
        }

        return words is > 0 and <= 2 && allGeneric;
    }

    private static ReadOnlySpan<char> StripLeadingVerb(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? "" : text.AsSpan(space + 1);
    }

    // Behaviour rather than change: "be more careful", "pay more attention", "communicate better".
    [GeneratedRegex(@"^(?:be\s+more\s+\w+|pay\s+(?:more\s+)?attention|communicate\s+better|try\s+harder|do\s+better|take\s+more\s+care|double-check\s+(?:everything|things)|remind\s+(?:everyone|people|the\s+team))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Exhortation();

    [GeneratedRegex(@"^(?:improve|enhance|increase|strengthen|better|optimi[sz]e|review|revisit|investigate|look\s+into|consider|ensure|make\s+sure|work\s+on|address|add\s+more|do\s+more|more|harden|fix)\b", RegexOptions.IgnoreCase)]
    private static partial Regex VagueVerb();

    // Anything that pins the change down: numbers, code, names of things, tickets, paths.
    [GeneratedRegex(@"\d|`|@|/|\b[A-Z][A-Za-z]*[A-Z]\w*\b|\w[.:_]\w|""")]
    private static partial Regex Specific();

    [GeneratedRegex(@"[\w'’-]+")]
    private static partial Regex Word();
}
