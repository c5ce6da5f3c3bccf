namespace PmSite.Model;

/// <summary>
/// One row of a timeline. <see cref="Time"/> is the text as written ("10:30", "2019-11-30 08:24");
/// <see cref="Timestamp"/> is set only when the text holds a full date and time.
/// </summary>
public sealed record TimelineEntry(string Time, string Event, string? Actor, int Line)
{
    public DateTime? Timestamp { get; init; }

    /// <summary>The calendar day, when the text names one (with or without a time).</summary>
    public DateOnly? Day { get; init; }

    /// <summary>The time zone named in the table's header ("UTC", "CET"), when one is.</summary>
    public string? TimeZone { get; init; }
}
