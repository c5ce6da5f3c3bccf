using System.Globalization;
using System.Text.Json;
using PmSite.Model;
using PmSite.Rendering;

namespace PmSite.Dashboards;

// Template views of the dashboards: pre-formatted strings, as everywhere in the theme.

/// <summary>A headline figure: its value, what it is measured against, and whether the target is met (null: no target).</summary>
public sealed record FigureView(string Label, string Value, string? Note = null, bool? Met = null, string? Id = null)
{
    public string State => Met switch { true => "met", false => "missed", _ => "none" };
}

/// <summary>A row of the all-action-items table, with the <c>data-*</c> values the filter script reads.</summary>
public sealed record ActionRowView(
    string Action, string? Detail, IncidentSummaryView Incident, string? Owner, string OwnerKey, string? Deadline, bool Overdue,
    string Status, string StatusClass, string StatusKey, bool Open, string Priority, string PriorityClass, string PriorityKey,
    string? Ticket, string? TicketUrl, string? Category, string ServicesJson);

/// <summary>The counts of a group of action items as a table row.</summary>
public sealed record TallyView(
    string Name, string? Url, int Total, int Open, int ToDo, int InProgress, int Blocked, int Unspecified, int Done, int Dropped, int Overdue,
    string CompletionRate);

/// <summary>A data-table row of a duration distribution.</summary>
public sealed record DistributionView(string Period, int Incidents, int Measured, string Median, string P90, string Min, string Max);

/// <summary>A row of the metrics page's recurrence table: an incident and the later incidents related to it.</summary>
public sealed record RecurrenceView(IncidentSummaryView Incident, IReadOnlyList<IncidentSummaryView> Later);

/// <summary>A chart and the table of its data, side by side on the page.</summary>
public sealed record ChartView(string Id, string Title, string Svg);

internal static partial class DashboardFormat
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string LongDate(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"92%", "87.5%", or "n/a" when nothing was measured.</summary>
    public static string Percent(double? share) =>
        share is { } s ? (s * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "n/a";

    public static string Number(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "n/a";

    public static TallyView Tally(string name, string? url, ActionTally t) => new(
        name, url, t.Total, t.Open, t.ToDo, t.InProgress, t.Blocked, t.Unspecified, t.Done, t.Dropped, t.Overdue, Percent(t.CompletionRate));

    public static ActionRowView Row(ActionItemRow row, ViewFactory views)
    {
        var view = views.Action(row.Item);
        return new ActionRowView(
            view.Action,
            view.Detail,
            views.Summary(row.Incident),
            view.Owner,
            row.Item.Owner ?? ActionItemDashboard.Unassigned,
            view.Deadline,
            row.Overdue,
            view.Status,
            view.StatusClass,
            ActionItemDashboard.StatusToken(row.Item.Status),
            row.Item.IsOpen,
            view.Priority,
            view.PriorityClass,
            row.Item.Priority.ToString().ToLowerInvariant(),
            view.Ticket,
            view.TicketUrl,
            view.Category is { } category && !PriorityOnly().IsMatch(category) ? category : null,
            JsonSerializer.Serialize(row.Incident.Services.Count > 0 ? row.Incident.Services : [ActionItemDashboard.Unassigned]));
    }

    public static DistributionView Distribution(DurationRow row) => new(
        row.Period,
        row.Incidents,
        row.Distribution?.Count ?? 0,
        ViewFactory.Duration(row.Distribution?.Median),
        ViewFactory.Duration(row.Distribution?.P90),
        ViewFactory.Duration(row.Distribution?.Min),
        ViewFactory.Duration(row.Distribution?.Max));

    /// <summary>A category that only repeats the priority column ("High Priority") is not shown twice.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(high|medium|low)(\s+priority)?\s*$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex PriorityOnly();
}
