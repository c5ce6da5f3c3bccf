using System.Globalization;
using PmSite.Content;
using PmSite.Model;

namespace PmSite.Dashboards;

/// <summary>A post-mortem from the build date's calendar week in an earlier year.</summary>
public sealed record HistoryEntry(PostMortem PostMortem, int YearsAgo);

/// <summary>
/// "This week in incident history": post-mortems whose incident fell in the same ISO 8601 week as the build date
/// (<c>--now</c>), in earlier ISO years; newest first. Weeks are ISO weeks (Monday to Sunday, week 1 holds the
/// year's first Thursday), so the same week of different years always lines up by weekday.
/// </summary>
public static class IncidentHistory
{
    public static IReadOnlyList<HistoryEntry> SameWeek(KnowledgeBase knowledgeBase, DateOnly now)
    {
        var week = ISOWeek.GetWeekOfYear(now.ToDateTime(TimeOnly.MinValue));
        var year = ISOWeek.GetYear(now.ToDateTime(TimeOnly.MinValue));
        return knowledgeBase.PostMortems
            .Where(p => p.Date is { } d
                && ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)) == week
                && ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue)) < year)
            .Select(p => new HistoryEntry(p, year - ISOWeek.GetYear(p.Date!.Value.ToDateTime(TimeOnly.MinValue))))
            .ToList();
    }

    /// <summary>"1 year ago", "3 years ago".</summary>
    public static string Ago(int years) => years == 1 ? "1 year ago" : string.Create(CultureInfo.InvariantCulture, $"{years} years ago");

    /// <summary>The ISO week number of a date, for the heading.</summary>
    public static int WeekOf(DateOnly date) => ISOWeek.GetWeekOfYear(date.ToDateTime(TimeOnly.MinValue));
}
