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

    public string Name => "vague-action-item";

    public string Description => "An action item that states a goal (\"improve testing\") with no concrete object.";

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
        var rest = verb.Success ? text[verb.Length..] : StripLeadingVerb(text);
        var words = Word().Matches(rest).Select(m => m.Value).Where(w => !s_filler.Contains(w)).ToList();
        if (verb.Success)
        {
            return words.Count <= 2;
        }

        return words.Count is > 0 and <= 2 && words.All(s_generic.Contains);
    }

    private static string StripLeadingVerb(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? "" : text[(space + 1)..];
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
