using System.Text.RegularExpressions;

namespace PmSite.Authoring.Lint;

/// <summary>
/// Per-line silencing: <c>&lt;!-- pmsite-lint-disable rule-name --&gt;</c> on a line, or alone on the line before,
/// silences that rule there (several names may be listed; none silences every rule). In front matter the same
/// words work as a YAML comment: <c>published: 2025-11-20  # pmsite-lint-disable time-to-publish</c>.
/// </summary>
public sealed partial class LintSuppressions
{
    private readonly Dictionary<int, HashSet<string>?> _byLine = [];

    public LintSuppressions(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].Contains("pmsite-lint-disable", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (Match match in Comment().Matches(lines[i]))
            {
                var names = match.Groups["rules"].Value.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
                var rules = names.Length == 0 ? null : new HashSet<string>(names, StringComparer.Ordinal);
                Add(i + 1, rules);
                Add(i + 2, rules);
            }
        }
    }

    public bool IsEmpty => _byLine.Count == 0;

    /// <summary>Whether a finding of <paramref name="rule"/> on <paramref name="line"/> is silenced.</summary>
    public bool Silences(string rule, int line) =>
        _byLine.TryGetValue(line, out var rules) && (rules is null || rules.Contains(rule));

    private void Add(int line, HashSet<string>? rules)
    {
        if (!_byLine.TryGetValue(line, out var existing))
        {
            _byLine[line] = rules;
        }
        else if (existing is not null)
        {
            if (rules is null)
            {
                _byLine[line] = null;
            }
            else
            {
                existing.UnionWith(rules);
            }
        }
    }

    [GeneratedRegex(@"(?:<!--|#)\s*pmsite-lint-disable(?:-line|-next-line)?(?<rules>[\w\s,-]*?)\s*(?:-->|$)")]
    private static partial Regex Comment();
}
