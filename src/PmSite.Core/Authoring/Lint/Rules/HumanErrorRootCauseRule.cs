using System.Text.RegularExpressions;
using PmSite.Authoring.Lint.Language;
using PmSite.Model;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// A root cause section that stops at "human error" without a deeper "why". The guide's anti-pattern
/// "Superficial Root Cause": use the 5 whys — why was the error possible, why was it not caught?
/// </summary>
public sealed partial class HumanErrorRootCauseRule : ILintRule
{
    public string Name => "human-error-root-cause";

    public string Description => "A root cause of \"human error\" with no deeper why (no 5 whys, no contributing factors).";

    public string Hint => "use the 5 whys: why could the error happen, why did nothing catch it, which safeguard was missing?";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var section in document.PostMortem.Sections.Where(s => s.Kind == SectionKind.RootCause))
        {
            var mention = HumanErrorPhrase.In(section.Text);
            if (mention.Count == 0 || Deeper().IsMatch(section.Text) || OtherFactors(section.Text) >= 2)
            {
                continue;
            }

            yield return document.Finding(this, section.Line, document.ColumnOf(section.Line, section.Heading),
                $"the root cause stops at \"{mention[0].Value}\" without asking why it was possible",
                "use the 5 whys: why could the error happen, why did nothing catch it, which safeguard was missing? \"Human error\" is where the analysis starts, not where it ends");
        }
    }

    /// <summary>Lines of the section that give some other factor (five words or more, no human-error phrase).</summary>
    private static int OtherFactors(string text) =>
        text.Split('\n').Count(line => HumanErrorPhrase.In(line).Count == 0 && Words().Count(line) >= 5);

    [GeneratedRegex(@"[\w'’-]+")]
    private static partial Regex Words();

    // Signs of analysis beyond the human action: whys, causes, and the safeguards that failed.
    [GeneratedRegex(@"\b(?:why|because|since|contribut\w*|safeguard\w*|guardrail\w*|allowed|lacked|lacking|no\s+(?:check|validation|review|confirmation|alert|test)s?|did\s+not\s+(?:prevent|catch|detect)|didn['’]t\s+(?:prevent|catch|detect)|gap\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Deeper();
}
