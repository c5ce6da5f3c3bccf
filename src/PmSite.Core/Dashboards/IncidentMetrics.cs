using System.Globalization;
using System.Text.RegularExpressions;
using PmSite.Content;
using PmSite.Model;
using PmSite.Related;

namespace PmSite.Dashboards;

/// <summary>A calendar quarter, "2025 Q1".</summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    public Quarter Next() => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public int CompareTo(Quarter other) => (Year * 4) + Number - ((other.Year * 4) + other.Number);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year} Q{Number}");

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;

    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;

    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;

    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;
}

/// <summary>Incidents of one period by severity, in the order of <see cref="IncidentMetrics.Severities"/>.</summary>
public sealed record SeverityCounts(string Period, IReadOnlyList<int> Counts)
{
    public int Total => Counts.Sum();
}

/// <summary>The durations measured in one period (null when none was).</summary>
public sealed record DurationRow(string Period, int Incidents, Distribution? Distribution);

/// <summary>Time from resolution to published post-mortem in one period, against the guide's 72 hours.</summary>
public sealed record PublishRow(string Period, int Measured, Distribution? Distribution, int WithinTarget)
{
    public double? ShareWithinTarget => Measured == 0 ? null : (double)WithinTarget / Measured;
}

/// <summary>A post-mortem followed by later incidents related to it: a problem that came back.</summary>
public sealed record Recurrence(PostMortem PostMortem, IReadOnlyList<PostMortem> Later);

/// <summary>
/// The guide's "Measuring Post-Mortem Effectiveness" figures, computed once at build time from the knowledge base:
/// incident counts per month and quarter by severity, time to detect and resolve as distributions per quarter
/// (see <see cref="IncidentTimes"/> and <see cref="Percentiles"/>), time to publish, root-cause quality,
/// near misses and recurrence.
/// </summary>
public sealed partial class IncidentMetrics
{
    /// <summary>The guide's target: a post-mortem published within 72 hours of resolution.</summary>
    public static readonly TimeSpan PublishTarget = TimeSpan.FromHours(72);

    /// <summary>How many months the monthly chart covers, ending with the build month.</summary>
    public const int MonthsShown = 24;

    public const string Unspecified = "unspecified";

    public required IReadOnlyList<string> Severities { get; init; }

    public required IReadOnlyList<SeverityCounts> Months { get; init; }

    public required IReadOnlyList<SeverityCounts> Quarters { get; init; }

    public required int Total { get; init; }

    /// <summary>Post-mortems with no full incident date (only a year), left out of the monthly and quarterly counts.</summary>
    public required int Undated { get; init; }

    public required IReadOnlyList<DurationRow> TimeToDetect { get; init; }

    public required IReadOnlyList<DurationRow> TimeToResolve { get; init; }

    public required IReadOnlyDictionary<TimeSource, int> DetectSources { get; init; }

    public required IReadOnlyDictionary<TimeSource, int> ResolveSources { get; init; }

    public required IReadOnlyList<PublishRow> TimeToPublish { get; init; }

    public required int RootCauseIdentified { get; init; }

    /// <summary>Post-mortems without an identified root cause, for follow-up.</summary>
    public required IReadOnlyList<PostMortem> RootCauseMissing { get; init; }

    public required int NearMisses { get; init; }

    /// <summary>Post-mortems with at least one related incident (linked, linking, or similar).</summary>
    public required int WithRelated { get; init; }

    /// <summary>Post-mortems related to at least one earlier incident: the problem had been seen before.</summary>
    public required IReadOnlyList<PostMortem> Recurrent { get; init; }

    /// <summary>Incidents that came back: with later related incidents, most first.</summary>
    public required IReadOnlyList<Recurrence> Recurrences { get; init; }

    /// <summary>Problems seen three or more times (the related-incidents feature's recurring themes).</summary>
    public required int RecurringThemes { get; init; }

    public double? RootCauseShare => Total == 0 ? null : (double)RootCauseIdentified / Total;

    public static IncidentMetrics Build(KnowledgeBase knowledgeBase, RelatedIncidents related, DateOnly now)
    {
        var all = knowledgeBase.PostMortems;
        var severities = knowledgeBase.Settings.Severities.ToList();
        if (all.Any(p => SeverityOf(p, severities) == Unspecified))
        {
            severities.Add(Unspecified);
        }

        var dated = all.Where(p => p.Date is not null).ToList();
        var times = all.ToDictionary(p => p, IncidentTimes.Of);

        // Months: the last MonthsShown months up to the build month (or the last incident, if later).
        var lastMonth = new DateOnly(now.Year, now.Month, 1);
        if (dated.Count > 0 && dated.Max(p => p.Date!.Value) is var latest && latest > lastMonth)
        {
            lastMonth = new DateOnly(latest.Year, latest.Month, 1);
        }

        var months = Enumerable.Range(0, MonthsShown).Select(i => lastMonth.AddMonths(i - MonthsShown + 1))
            .Select(m => Counts(m.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                dated.Where(p => p.Date!.Value.Year == m.Year && p.Date!.Value.Month == m.Month), severities))
            .ToList();

        var quarters = QuarterSpan(dated, now);
        var byQuarter = dated.ToLookup(p => Quarter.Of(p.Date!.Value));
        var quarterCounts = quarters.Select(q => Counts(q.ToString(), byQuarter[q], severities)).ToList();

        var rootCauseMissing = all.Where(p => !HasRootCause(p)).ToList();
        var relatedOf = all.ToDictionary(p => p, p => related.Of(p).Select(r => r.PostMortem).ToList());
        var recurrent = all.Where(p => p.Date is { } d && relatedOf[p].Any(o => o.Date is { } od && od < d)).ToList();
        var recurrences = all
            .Select(p => new Recurrence(p, relatedOf[p].Where(o => p.Date is { } d && o.Date is { } od && od > d).OrderBy(o => o.Date).ThenBy(o => o.Id, StringComparer.Ordinal).ToList()))
            .Where(r => r.Later.Count > 0)
            .OrderByDescending(r => r.Later.Count)
            .ThenBy(r => r.PostMortem.Date)
            .ThenBy(r => r.PostMortem.Id, StringComparer.Ordinal)
            .ToList();

        return new IncidentMetrics
        {
            Severities = severities,
            Months = months,
            Quarters = quarterCounts,
            Total = all.Count,
            Undated = all.Count - dated.Count,
            TimeToDetect = Durations(all, byQuarter, quarters, p => times[p].TimeToDetect),
            TimeToResolve = Durations(all, byQuarter, quarters, p => times[p].TimeToResolve),
            DetectSources = Sources(times.Values.Select(t => t.DetectSource)),
            ResolveSources = Sources(times.Values.Select(t => t.ResolveSource)),
            TimeToPublish = Publishing(all),
            RootCauseIdentified = all.Count - rootCauseMissing.Count,
            RootCauseMissing = rootCauseMissing,
            NearMisses = all.Count(p => p.NearMiss),
            WithRelated = all.Count(p => relatedOf[p].Count > 0),
            Recurrent = recurrent,
            Recurrences = recurrences,
            RecurringThemes = related.Themes.Count,
        };
    }

    /// <summary>
    /// Whether a post-mortem identifies a root cause: it has a root-cause section (or contributing factors) whose text
    /// says more than a non-answer such as "human error", "unknown" or "TBD" (the guide: never "human error").
    /// </summary>
    public static bool HasRootCause(PostMortem postMortem)
    {
        var text = postMortem.Sections.Where(s => s.Kind == SectionKind.RootCause).Select(s => s.Text).FirstOrDefault(t => !string.IsNullOrWhiteSpace(t));
        if (text is null)
        {
            return false;
        }

        // A non-answer is a few words: a text with more letters and digits than the longest one is an answer.
        if (text.Count(char.IsLetterOrDigit) > LongestNonAnswer && text.Any(c => char.IsLetterOrDigit(c) && c is not ('x' or 'X')))
        {
            return true;
        }

        var words = NonWord().Replace(text.ToLowerInvariant(), " ").Trim();
        return words.Length > 0 && !NonAnswer().IsMatch(words);
    }

    // Letters and digits of the longest non-answer ("developer mistakes"), with room to spare.
    private const int LongestNonAnswer = 24;

    /// <summary>The time from resolution (else the incident's day) to the published post-mortem, in whole days.</summary>
    public static TimeSpan? TimeToPublishOf(PostMortem p)
    {
        var from = p.Resolved is { } r ? DateOnly.FromDateTime(r.DateTime) : p.Date;
        return p.Published is { } published && from is { } f && published >= f ? TimeSpan.FromDays(published.DayNumber - f.DayNumber) : null;
    }

    private static string SeverityOf(PostMortem p, IReadOnlyList<string> severities) =>
        severities.FirstOrDefault(s => string.Equals(s, p.Severity, StringComparison.OrdinalIgnoreCase)) ?? Unspecified;

    private static SeverityCounts Counts(string period, IEnumerable<PostMortem> postMortems, IReadOnlyList<string> severities)
    {
        var list = postMortems.ToList();
        return new SeverityCounts(period, severities.Select(s => list.Count(p => SeverityOf(p, severities) == s)).ToList());
    }

    private static List<Quarter> QuarterSpan(List<PostMortem> dated, DateOnly now)
    {
        if (dated.Count == 0)
        {
            return [];
        }

        var first = Quarter.Of(dated.Min(p => p.Date!.Value));
        var last = Quarter.Of(dated.Max(p => p.Date!.Value));
        if (Quarter.Of(now) > last)
        {
            last = Quarter.Of(now);
        }

        var span = new List<Quarter>();
        for (var q = first; q <= last; q = q.Next())
        {
            span.Add(q);
        }

        return span;
    }

    /// <summary>One row per quarter that had incidents, then undated incidents, then all of them.</summary>
    private static List<DurationRow> Durations(
        IReadOnlyList<PostMortem> all, ILookup<Quarter, PostMortem> byQuarter, List<Quarter> quarters, Func<PostMortem, TimeSpan?> measure)
    {
        DurationRow Row(string period, IEnumerable<PostMortem> postMortems)
        {
            var list = postMortems.ToList();
            return new DurationRow(period, list.Count, Distribution.Of(list.Select(measure).OfType<TimeSpan>()));
        }

        var rows = quarters.Where(q => byQuarter[q].Any()).Select(q => Row(q.ToString(), byQuarter[q])).ToList();
        var undated = all.Where(p => p.Date is null).ToList();
        if (undated.Count > 0)
        {
            rows.Add(Row("no full date", undated));
        }

        rows.Add(Row("all", all));
        return rows;
    }

    private static List<PublishRow> Publishing(IReadOnlyList<PostMortem> all)
    {
        PublishRow Row(string period, IEnumerable<PostMortem> postMortems)
        {
            var spans = postMortems.Select(TimeToPublishOf).OfType<TimeSpan>().ToList();
            return new PublishRow(period, spans.Count, Distribution.Of(spans), spans.Count(s => s <= PublishTarget));
        }

        return
        [
            .. all.Where(p => p.Year is not null).GroupBy(p => p.Year!.Value).OrderBy(g => g.Key)
                .Select(g => Row(g.Key.ToString(CultureInfo.InvariantCulture), g))
                .Where(r => r.Measured > 0),
            Row("all", all),
        ];
    }

    private static Dictionary<TimeSource, int> Sources(IEnumerable<TimeSource> sources) =>
        sources.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^(human|operator|user|developer|engineer|people|manual) (error|mistake|failure)s?$|^(unknown|tbd|todo|to be determined|n a|na|none|not known|unclear|x+)$")]
    private static partial Regex NonAnswer();
}
