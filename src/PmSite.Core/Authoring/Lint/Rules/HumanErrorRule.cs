using System.Text.RegularExpressions;
using PmSite.Authoring.Lint.Language;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// "Human error" or "operator error" given as a cause. The guide: human error is never the root cause in a complex
/// system; it is a symptom of the gaps that let a normal mistake cause harm. Mentions of guarding against it pass.
/// </summary>
public sealed class HumanErrorRule : ILintRule
{
    public string Name => "human-error";

    public string Description => "\"Human error\" / \"operator error\" given as the cause of an incident.";

    public string Hint => "\"human error\" is a symptom, not a cause: name the safeguard that was missing or did not work";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var prose in document.Prose.Where(p => Keywords.Any(p.Text, Keywords.HumanError)))
        {
            foreach (var (start, length) in prose.Sentences())
            {
                var sentence = prose.Text.Substring(start, length);
                foreach (Match match in HumanErrorPhrase.In(sentence))
                {
                    if (HumanErrorPhrase.IsGivenAsCause(sentence))
                    {
                        yield return document.Finding(this, prose, start + match.Index, match.Length,
                            $"\"{match.Value}\" is given as a cause",
                            "\"human error\" is a symptom, not a cause: name the safeguard that was missing or did not work, e.g. \"The system lacked safeguards to prevent this class of error\"");
                    }
                }
            }
        }
    }
}
