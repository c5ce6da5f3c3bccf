using System.Globalization;
using System.Text.RegularExpressions;
using PmSite.Model;

namespace PmSite.Dashboards;

/// <summary>Where a measured duration came from, so a page can say how much of a figure rests on what.</summary>
public enum TimeSource
{
    Unknown,

    /// <summary>From the <c>detected</c>/<c>resolved</c> front-matter timestamps (with the timeline for the start).</summary>
    Timestamps,

    /// <summary>From the timeline alone: its first entry, the first alert and the last recovery.</summary>
    Timeline,

    /// <summary>As stated in the text ("Time to detection: 54 minutes").</summary>
    Stated,
}

/// <summary>
/// Time to detect and time to resolve of one incident, by these rules (the guide's definitions):
/// <list type="bullet">
/// <item><b>Start</b>: the earliest timeline entry on the incident's day. A time without a date ("03:17") is on the
/// incident's day, the guide's "all times on DAY unless stated"; a time earlier than the one before it has passed midnight.
/// Entries on other days (the change made weeks before) are context, not the start.</item>
/// <item><b>Detected</b>: front matter <c>detected</c>, else the first timeline entry after the start whose event reads
/// like detection (alert, page, detected, noticed, reported).</item>
/// <item><b>Resolved</b>: front matter <c>resolved</c>, else the last timeline entry whose event reads like recovery
/// (resolved, restored, recovered, mitigated, back to normal, closed).</item>
/// <item><b>Time to detect</b> = detected − start; <b>time to resolve</b> = resolved − detected (detection → all-clear).</item>
/// </list>
/// Which figure wins: one measured from the front-matter timestamps, else one the author states in the text
/// ("Time to detection: 54 minutes"), else one read from the timeline alone. Stated figures win over timeline reading
/// because the reading is a guess from the wording of events: on the real-world corpus the two disagree for about
/// half of the incidents that have both, by up to a day.
/// Timeline times carry no offset; they are read in the offset of <c>detected</c> (or UTC), since a post-mortem's
/// timeline is written in one time zone.
/// </summary>
public sealed partial record IncidentTimes(
    DateTimeOffset? Start, DateTimeOffset? Detected, DateTimeOffset? Resolved,
    TimeSpan? TimeToDetect, TimeSource DetectSource, TimeSpan? TimeToResolve, TimeSource ResolveSource)
{
    public static IncidentTimes Of(PostMortem p)
    {
        var offset = p.Detected?.Offset ?? p.Resolved?.Offset ?? TimeSpan.Zero;
        var moments = Moments(p, offset);
        DateTimeOffset? start = moments.Count > 0 ? moments[0].At : null;
        DateTimeOffset? alert = moments.Skip(1).FirstOrDefault(m => DetectionWords().IsMatch(m.Event)) is { Event: not null } a ? a.At : null;
        DateTimeOffset? recovery = moments.LastOrDefault(m => RecoveryWords().IsMatch(m.Event)) is { Event: not null } r ? r.At : null;

        static TimeSpan? Span(DateTimeOffset? from, DateTimeOffset? to) => from is { } f && to is { } t && t >= f ? t - f : null;

        var (detect, detectSource) =
            Span(start, p.Detected) is { } d1 ? (d1, TimeSource.Timestamps)
            : p.StatedTimeToDetect is { } d2 ? (d2, TimeSource.Stated)
            : p.Detected is null && Span(start, alert) is { } d3 ? (d3, TimeSource.Timeline)
            : ((TimeSpan?)null, TimeSource.Unknown);
        var (resolve, resolveSource) =
            Span(p.Detected, p.Resolved) is { } r1 ? (r1, TimeSource.Timestamps)
            : p.StatedTimeToResolve is { } r2 ? (r2, TimeSource.Stated)
            : Span(p.Detected ?? alert, p.Resolved ?? recovery) is { } r3 ? (r3, TimeSource.Timeline)
            : ((TimeSpan?)null, TimeSource.Unknown);
        return new IncidentTimes(start, p.Detected ?? alert, p.Resolved ?? recovery, detect, detectSource, resolve, resolveSource);
    }

    private readonly record struct Moment(DateTimeOffset At, string Event);

    /// <summary>Timeline entries on the incident's day (and past midnight into the next), in order.</summary>
    private static List<Moment> Moments(PostMortem p, TimeSpan offset)
    {
        var moments = new List<Moment>();
        if (p.Date is not { } day)
        {
            return moments;
        }

        var current = day.ToDateTime(TimeOnly.MinValue);
        DateTime? previous = null;
        foreach (var entry in p.Timeline)
        {
            DateTime at;
            if (entry.Timestamp is { } timestamp)
            {
                at = timestamp;
            }
            else if (entry.Day is null && TimeOnlyText().Match(entry.Time) is { Success: true } m
                && int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture) is var hour and < 24
                && int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) is var minute and < 60)
            {
                at = current.Date.AddHours(hour).AddMinutes(minute);
                if (previous is { } before && at < before && before.Date == at.Date)
                {
                    at = at.AddDays(1);
                }

                current = at;
            }
            else
            {
                continue;
            }

            // Only the incident itself: from its day until two days later (a long outage), not the change weeks before
            // nor the review meeting after.
            if (at >= day.ToDateTime(TimeOnly.MinValue) && at < day.AddDays(3).ToDateTime(TimeOnly.MinValue))
            {
                moments.Add(new Moment(new DateTimeOffset(at, offset), entry.Event));
                previous = at;
            }
        }

        moments.Sort((a, b) => a.At.CompareTo(b.At));
        return moments;
    }

    [GeneratedRegex(@"^\s*(?<h>\d{1,2}):(?<m>\d{2})(?!\d)")]
    private static partial Regex TimeOnlyText();

    [GeneratedRegex(@"\b(alert\w*|alarm\w*|pag(e|ed|es|ing)|detect\w*|notic\w*|report\w*|declared)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DetectionWords();

    [GeneratedRegex(@"\b(resolv\w*|restor\w*|recover\w*|mitigat\w*|back to normal|closed|all[- ]clear|fully operational)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RecoveryWords();
}
