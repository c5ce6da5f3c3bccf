using System.Text.RegularExpressions;
using PmSite.Authoring.Lint.Language;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// Words that judge people whoever the subject is: "careless", "negligent", "sloppy", "didn't test properly",
/// "should have known better". The guide: these make people defensive and shut down honest dialogue.
/// </summary>
public sealed partial class JudgmentalLanguageRule : ILintRule
{
    public string Name => "judgmental-language";

    public string Description => "Judgmental words about people: careless, negligent, sloppy, \"didn't test properly\".";

    public string Hint => "describe the conditions instead (time pressure, missing tooling, unclear ownership), e.g. \"The configuration review process was skipped under time pressure\"";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var prose in document.Prose.Where(p => Keywords.Any(p.Text, Keywords.Judgment)))
        {
            foreach (Match match in Judgment().Matches(prose.Text))
            {
                yield return document.Finding(this, prose, match.Index, match.Length,
                    $"\"{match.Value}\" judges people rather than describing what happened",
                    HintFor(match.Value));
            }
        }
    }

    private static string HintFor(string phrase) =>
        phrase.Contains("test", StringComparison.OrdinalIgnoreCase) || phrase.Contains("check", StringComparison.OrdinalIgnoreCase)
            ? "say what the checks did not cover, e.g. \"Our testing strategy didn't catch this edge case\""
            : "describe the conditions instead (time pressure, missing tooling, unclear ownership), e.g. \"The configuration review process was skipped under time pressure\"";

    [GeneratedRegex(@"\b(?:careless(?:ly|ness)?|negligen(?:t|tly|ce)|sloppy|sloppiness|lazy(?!\s+(?:load|loading|loaded|init|initiali[sz]ation|evaluation|evaluated|-loaded))|laziness"
        + @"|incompeten(?:t|ce)|reckless(?:ly|ness)?|irresponsibl[ey]|stupid(?:ity)?|idiotic|rookie\s+mistake|should\s+have\s+known\s+better"
        + @"|without\s+thinking|not\s+paying\s+attention|lack\s+of\s+(?:care|attention|diligence)"
        + @"|(?:did\s+not|didn['’]t|never|failed\s+to)\s+(?:test|check|verify|review)(?:\s+\w+){0,2}?\s+(?:properly|thoroughly|carefully|correctly|adequately|enough))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Judgment();
}
