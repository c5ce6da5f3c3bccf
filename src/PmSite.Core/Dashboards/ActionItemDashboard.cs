using PmSite.Content;
using PmSite.Model;

namespace PmSite.Dashboards;

/// <summary>One action item with the post-mortem it came from and whether it is overdue on the build date.</summary>
public sealed record ActionItemRow(PostMortem Incident, ActionItem Item, bool Overdue);

/// <summary>
/// Counts of a set of action items. <see cref="Open"/> is every item not done and not dropped (to do, in progress,
/// blocked or without a status), as on the home page; <see cref="CompletionRate"/> is done ÷ (all − dropped):
/// an item dropped by an explicit decision is neither a success nor a failure.
/// </summary>
public sealed record ActionTally(int Total, int ToDo, int InProgress, int Blocked, int Unspecified, int Done, int Dropped, int Overdue)
{
    public int Open => Total - Done - Dropped;

    /// <summary>Done ÷ (all − dropped), or null when nothing counts.</summary>
    public double? CompletionRate => Total - Dropped == 0 ? null : (double)Done / (Total - Dropped);

    public static ActionTally Of(IEnumerable<ActionItemRow> rows)
    {
        int total = 0, toDo = 0, inProgress = 0, blocked = 0, unspecified = 0, done = 0, dropped = 0, overdue = 0;
        foreach (var row in rows)
        {
            total++;
            overdue += row.Overdue ? 1 : 0;
            switch (row.Item.Status)
            {
                case ActionStatus.Open: toDo++; break;
                case ActionStatus.InProgress: inProgress++; break;
                case ActionStatus.Blocked: blocked++; break;
                case ActionStatus.Done: done++; break;
                case ActionStatus.Dropped: dropped++; break;
                default: unspecified++; break;
            }
        }

        return new ActionTally(total, toDo, inProgress, blocked, unspecified, done, dropped, overdue);
    }

    /// <summary>The counts of several sets of action items together.</summary>
    public static ActionTally Sum(IEnumerable<ActionTally> tallies)
    {
        var sum = new ActionTally(0, 0, 0, 0, 0, 0, 0, 0);
        foreach (var t in tallies)
        {
            sum = new ActionTally(sum.Total + t.Total, sum.ToDo + t.ToDo, sum.InProgress + t.InProgress, sum.Blocked + t.Blocked,
                sum.Unspecified + t.Unspecified, sum.Done + t.Done, sum.Dropped + t.Dropped, sum.Overdue + t.Overdue);
        }

        return sum;
    }
}

/// <summary>A group of action items (an owner, a service, a priority, a post-mortem) and its counts.</summary>
public sealed record ActionGroup(string Name, ActionTally Tally);

/// <summary>
/// Every action item of the knowledge base, tallied as the guide's "Action Item Tracking" dashboard asks:
/// by status, priority, owner, service, category and post-mortem, with overdue items measured against the build date.
/// </summary>
public sealed class ActionItemDashboard
{
    /// <summary>The guide's targets: more than 90 % of items completed, and all high-priority ones.</summary>
    public const double CompletionTarget = 0.9;

    public const double HighPriorityTarget = 1.0;

    /// <summary>The group name of items with no owner, category or service.</summary>
    public const string Unassigned = "unassigned";

    private ActionItemDashboard(DateOnly now, int postMortems, IReadOnlyList<ActionItemRow> rows)
    {
        Now = now;
        PostMortemCount = postMortems;
        Rows = rows;
        Overall = ActionTally.Of(rows);
        HighPriority = ActionTally.Of(rows.Where(r => r.Item.Priority == ActionPriority.High));
        ByPriority = [.. new[] { ActionPriority.High, ActionPriority.Medium, ActionPriority.Low, ActionPriority.Unspecified }
            .Select(p => new ActionGroup(PriorityName(p), ActionTally.Of(rows.Where(r => r.Item.Priority == p))))
            .Where(g => g.Tally.Total > 0)];
        ByOwner = Group(rows, r => [r.Item.Owner ?? Unassigned]);
        ByService = Group(rows, r => r.Incident.Services.Count > 0 ? r.Incident.Services : [Unassigned]);
        ByCategory = Group(rows, r => [r.Item.Category ?? Unassigned]);
        ByPostMortem = [.. rows.GroupBy(r => r.Incident).Select(g => (g.Key, ActionTally.Of(g)))];
    }

    public DateOnly Now { get; }

    /// <summary>All post-mortems of the knowledge base, with action items or not.</summary>
    public int PostMortemCount { get; }

    /// <summary>Overdue first (oldest deadline first), then the other open items by deadline, then closed ones.</summary>
    public IReadOnlyList<ActionItemRow> Rows { get; }

    public ActionTally Overall { get; }

    public ActionTally HighPriority { get; }

    public IReadOnlyList<ActionGroup> ByPriority { get; }

    /// <summary>Most open items first, then by name.</summary>
    public IReadOnlyList<ActionGroup> ByOwner { get; }

    public IReadOnlyList<ActionGroup> ByService { get; }

    public IReadOnlyList<ActionGroup> ByCategory { get; }

    /// <summary>Post-mortems with action items, newest first.</summary>
    public IReadOnlyList<(PostMortem PostMortem, ActionTally Tally)> ByPostMortem { get; }

    /// <summary>Action items per post-mortem, over all post-mortems (the guide expects 5 to 10).</summary>
    public double? ItemsPerPostMortem => PostMortemCount == 0 ? null : (double)Overall.Total / PostMortemCount;

    public static ActionItemDashboard Build(KnowledgeBase knowledgeBase, DateOnly now)
    {
        var rows = knowledgeBase.PostMortems
            .SelectMany(p => p.ActionItems.OrderBy(a => a.Line).Select(a => new ActionItemRow(p, a, a.IsOverdue(now))))
            .ToList();
        // Rows are made in knowledge-base order, then line order; the sort is stable, so ties keep that order.
        var sorted = rows
            .OrderBy(r => r.Overdue ? 0 : r.Item.IsOpen ? 1 : 2)
            .ThenBy(r => r.Item.IsOpen ? r.Item.Deadline ?? DateOnly.MaxValue : DateOnly.MaxValue)
            .ToList();
        return new ActionItemDashboard(now, knowledgeBase.PostMortems.Count, sorted);
    }

    /// <summary>The status as exports name it: a stable token, whatever the page shows.</summary>
    public static string StatusToken(ActionStatus status) => status switch
    {
        ActionStatus.Open => "todo",
        ActionStatus.InProgress => "in_progress",
        ActionStatus.Blocked => "blocked",
        ActionStatus.Done => "done",
        ActionStatus.Dropped => "dropped",
        _ => "unspecified",
    };

    public static string PriorityName(ActionPriority priority) =>
        priority == ActionPriority.Unspecified ? "unspecified" : priority.ToString();

    private static List<ActionGroup> Group(IEnumerable<ActionItemRow> rows, Func<ActionItemRow, IEnumerable<string>> keys) =>
        [.. rows.SelectMany(r => keys(r).Distinct(StringComparer.Ordinal).Select(k => (Key: k, Row: r)))
            .GroupBy(x => x.Key, StringComparer.Ordinal)
            .Select(g => new ActionGroup(g.Key, ActionTally.Of(g.Select(x => x.Row))))
            .OrderByDescending(g => g.Tally.Open)
            .ThenByDescending(g => g.Tally.Total)
            .ThenBy(g => g.Name, StringComparer.Ordinal)];
}
