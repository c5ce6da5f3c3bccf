namespace PmSite.Model;

/// <summary>Normalised action-item status; the author's own word is kept in <see cref="ActionItem.StatusText"/>.</summary>
public enum ActionStatus
{
    /// <summary>The post-mortem does not say.</summary>
    Unspecified,
    Open,
    InProgress,
    Blocked,
    Done,
    Dropped,
}

/// <summary>Priority as given by a "High/Medium/Low priority" sub-heading or a priority column.</summary>
public enum ActionPriority
{
    Unspecified,
    High,
    Medium,
    Low,
}

/// <summary>One follow-up from a post-mortem's action items, from a table row or a list item.</summary>
public sealed record ActionItem(string Action, int Line)
{
    public string? Detail { get; init; }

    public string? Owner { get; init; }

    public DateOnly? Deadline { get; init; }

    /// <summary>The deadline as written when it is not a valid date, so it is shown rather than lost.</summary>
    public string? DeadlineText { get; init; }

    public ActionStatus Status { get; init; }

    public string? StatusText { get; init; }

    public string? Ticket { get; init; }

    public ActionPriority Priority { get; init; }

    /// <summary>The sub-heading the item was listed under, e.g. "Prevent Recurrence (High Priority)".</summary>
    public string? Category { get; init; }

    public bool IsOpen => Status is not (ActionStatus.Done or ActionStatus.Dropped);

    public bool IsOverdue(DateOnly today) => IsOpen && Deadline is { } d && d < today;
}
