using PmSite.Model;

namespace PmSite.Authoring.Lint.Rules;

/// <summary>
/// At least one action item, and not more than ten. The guide: a post-mortem produces concrete improvements,
/// and a long list that is never completed is "action item theater".
/// </summary>
public sealed class ActionItemCountRule : ILintRule
{
    public const int Most = 10;

    public string Name => "action-item-count";

    public string Description => $"Fewer than 1 or more than {Most} action items.";

    public string Hint => "list at least one concrete, assigned, time-bound change, and keep the few that matter most rather than a long list nobody finishes";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        var p = document.PostMortem;
        var section = p.SectionOf(SectionKind.ActionItems);
        var line = section?.Line ?? 1;
        var column = section is null ? 1 : document.ColumnOf(line, section.Heading);
        if (p.ActionItems.Count == 0)
        {
            yield return document.Finding(this, line, column, "fill this in: no action items yet",
                "list at least one concrete, assigned, time-bound change, one row each with an owner and a deadline");
        }
        else if (p.ActionItems.Count > Most)
        {
            yield return document.Finding(this, line, column, $"{p.ActionItems.Count} action items: more than {Most} rarely all get done",
                "keep the few that matter most and move the rest to a backlog; the guide calls long untracked lists \"action item theater\"");
        }
    }
}
