using PmSite.Authoring.Lint.Rules;
using PmSite.Model;

namespace PmSite.Authoring.Lint;

/// <summary>
/// Runs every lint rule on a post-mortem: findings in file order, one per phrase (when two wording rules flag
/// overlapping words, the first rule listed keeps it), minus those silenced by <c>pmsite-lint-disable</c> comments.
/// </summary>
public static class Linter
{
    /// <summary>Every rule, in the order their findings win when they flag the same words.</summary>
    public static IReadOnlyList<ILintRule> Rules { get; } =
    [
        new RequiredFieldsRule(),
        new RequiredSectionsRule(),
        new TemplatePromptRule(),
        new ActionItemCountRule(),
        new ActionItemOwnerRule(),
        new ActionItemDeadlineRule(),
        new VagueActionItemRule(),
        new JudgmentalLanguageRule(),
        new CounterfactualRule(),
        new BlamePersonRule(),
        new HumanErrorRule(),
        new HumanErrorRootCauseRule(),
        new TimestampZoneRule(),
        new TimeToPublishRule(),
    ];

    /// <summary>The names of every rule, for checking <c>pmsite-lint-disable</c> comments and documentation.</summary>
    public static IReadOnlySet<string> RuleNames { get; } = Rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Lints one parsed post-mortem given its source text.</summary>
    public static IReadOnlyList<LintFinding> Lint(PostMortem postMortem, string sourceText, SiteSettings settings) =>
        Lint(new LintDocument(postMortem, sourceText, settings), Rules);

    /// <summary>Lints a document with the given rules (the spec tables run one rule at a time).</summary>
    public static IReadOnlyList<LintFinding> Lint(LintDocument document, IEnumerable<ILintRule> rules)
    {
        var findings = new List<LintFinding>();
        foreach (var rule in rules)
        {
            foreach (var finding in rule.Check(document))
            {
                if (finding.Phrase is null || !findings.Any(f => Overlaps(f, finding)))
                {
                    findings.Add(finding);
                }
            }
        }

        // Few files silence anything: only those are split into lines to read their comments.
        var suppressions = document.Text.Contains("pmsite-lint-disable", StringComparison.Ordinal) ? new LintSuppressions(document.Text.Split('\n')) : null;
        return findings
            .Where(f => suppressions is null || suppressions.IsEmpty || !suppressions.Silences(f.Rule, f.Line))
            .OrderBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Rule, StringComparer.Ordinal)
            .ToList();
    }

    // Two findings about wording overlap when their phrases share characters on the same line.
    private static bool Overlaps(LintFinding a, LintFinding b) =>
        a.Phrase is not null && b.Phrase is not null && a.Line == b.Line
        && a.Column < b.Column + b.Phrase.Length && b.Column < a.Column + a.Phrase.Length;
}
