namespace PmSite.Authoring.Lint.Rules;

/// <summary>An open action item without an owner. The guide: a single owner is responsible for completion.</summary>
public sealed class ActionItemOwnerRule : ILintRule
{
    public string Name => "action-item-owner";

    public string Description => "An open action item with no owner.";

    public string Hint => "give every open action item a single owner, e.g. @sre-team or @alice, in the Owner column";

    public IEnumerable<LintFinding> Check(LintDocument document)
    {
        foreach (var item in document.PostMortem.ActionItems.Where(a => a.IsOpen && a.Owner is null))
        {
            yield return document.Finding(this, item.Line, document.ColumnOf(item.Line, item.Action),
                $"action item \"{Short(item.Action)}\" has no owner",
                "give it a single owner, e.g. @sre-team or @alice, in the Owner column (or \"(owner: @alice)\" in a list)");
        }
    }

    internal static string Short(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
