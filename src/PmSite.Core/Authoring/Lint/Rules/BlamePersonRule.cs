using PmSite.Authoring.Lint.Language;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// A person as the subject of a failure: "Sarah forgot to check the config", "John deployed broken code",
/// "the on-call engineer ignored the alert". The guide's "Language Matters": describe the gap in the system
/// that let a normal human action cause harm.
/// </summary>
public sealed class BlamePersonRule : ILintRule
{
    public string Name => "blame-person";

    public string Description => "A person (author, owner, @handle, a name, \"the engineer\") as the subject of a failure verb.";

    public string Hint => "describe the systemic gap that let a normal human action cause harm, e.g. \"The system lacked safeguards to prevent this class of error\"";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var prose in document.Prose)
        {
            foreach (var clause in BlameGrammar.FailureClauses(prose.Text, document.People))
            {
                yield return document.Finding(this, prose, clause.Start, clause.Length,
                    $"\"{prose.Text.Substring(clause.Start, clause.Length)}\" makes a person the subject of the failure",
                    HintFor(clause.Verb));
            }
        }
    }

    /// <summary>A system-focused rewrite for the kind of failure the verb describes, after the guide's examples.</summary>
    internal static string HintFor(string verb)
    {
        var v = verb.ToLowerInvariant();
        if (v.Contains("ignor") || v.Contains("notice") || v.Contains("respond") || v.Contains("react") || v.Contains("saw") || v.Contains("acknowledg") || v.Contains("escalate") || v.Contains("attention"))
        {
            return "describe why the signal was easy to miss, e.g. \"Alert fatigue from frequent false positives caused the alert to be missed\"";
        }

        if (v.Contains("deploy") || v.Contains("push") || v.Contains("ship") || v.Contains("merg") || v.Contains("commit") || v.Contains("releas") || v.Contains("wrote") || v.Contains("introduc") || v.Contains("test"))
        {
            return "name the gap, e.g. \"The deployment process allowed untested code to reach production\" or \"Our testing strategy didn't catch this edge case\"";
        }

        if (v.Contains("typo") || v.Contains("mistyp") || v.Contains("misconfig") || v.Contains("fat") || v.Contains("config"))
        {
            return "name the missing check, e.g. \"Configuration deployment lacked validation; no schema enforcement caught the invalid value\"";
        }

        if (v.Contains("ran") || v.Contains("delet") || v.Contains("drop") || v.Contains("execut") || v.Contains("wrong"))
        {
            return "name the missing safeguard, e.g. \"Production lacked row-level security; destructive queries had no confirmation step\"";
        }

        if (v.Contains("forg") || v.Contains("skip") || v.Contains("miss") || v.Contains("overlook") || v.Contains("neglect") || v.Contains("check") || v.Contains("verif") || v.Contains("follow") || v.Contains("renew"))
        {
            return "name what made the step easy to skip, e.g. \"The configuration review process was skipped under time pressure\"";
        }

        return "describe the systemic gap that let a normal human action cause harm, e.g. \"The system lacked safeguards to prevent this class of error\"";
    }
}
