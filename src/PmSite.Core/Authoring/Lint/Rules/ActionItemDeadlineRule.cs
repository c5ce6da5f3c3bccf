namespace PmSite.Authoring.Lint.Rules;

/// <summary>An open action item without a deadline, or with one that is not a date. The guide: time-bound.</summary>
public sealed class ActionItemDeadlineRule : ILintRule
{
    public string Name => "action-item-deadline";

    public string Description => "An open action item with no deadline, or a deadline that is not a YYYY-MM-DD date.";

    public string Hint => "give every open action item a realistic deadline written as YYYY-MM-DD, so overdue items can be tracked";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var item in document.PostMortem.ActionItems.Where(a => a.IsOpen && a.Deadline is null))
        {
            var column = document.ColumnOf(item.Line, item.DeadlineText ?? item.Action);
            yield return item.DeadlineText is null
                ? document.Finding(this, item.Line, column, $"action item \"{ActionItemOwnerRule.Short(item.Action)}\" has no deadline",
                    "give it a realistic deadline (YYYY-MM-DD) based on its priority, in the Deadline column (or \"(due: 2025-12-01)\" in a list)")
                : document.Finding(this, item.Line, column, $"deadline \"{item.DeadlineText}\" is not a date",
                    "write the deadline as YYYY-MM-DD, so overdue items can be tracked");
        }
    }
}
