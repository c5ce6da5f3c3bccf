using PmSite.Authoring.Lint.Language;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// Counterfactuals about a person: "the on-call engineer should have responded faster", "John failed to renew the
/// certificate", "if Sarah had checked". The guide: ask "what could the system have done to prevent this?",
/// not "what should you have done?". A system as the subject ("the alert should have fired") is not flagged.
/// </summary>
public sealed class CounterfactualRule : ILintRule
{
    public string Name => "counterfactual";

    public string Description => "\"Should have\", \"failed to\", \"if X had\" about a person rather than a system.";

    public string Hint => "ask what the system could have done instead, e.g. \"The alerting threshold was too high to page earlier\" rather than what someone should have done";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var prose in document.Prose)
        {
            foreach (var clause in BlameGrammar.CounterfactualClauses(prose.Text, document.People))
            {
                yield return document.Finding(this, prose, clause.Start, clause.Length,
                    $"\"{prose.Text.Substring(clause.Start, clause.Length)}\" judges a person against hindsight",
                    "ask what the system could have done instead, e.g. \"The alerting threshold was too high to page earlier\" rather than what someone should have done");
            }
        }
    }
}
