using System.Globalization;
using System.Runtime.CompilerServices;
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
/// What the metrics take from one post-mortem alone, its severity as a rank among the settings' severities (their count
/// when it is none of them). A preview session keeps them for each parsed post-mortem, so a rebuild measures only the
/// edited one again.
/// </summary>
internal sealed record IncidentFacts(DateOnly? Date, int? Year, int Severity, bool NearMiss, bool RootCause, TimeSpan? TimeToDetect,
    TimeSource DetectSource, TimeSpan? TimeToResolve, TimeSource ResolveSource, TimeSpan? TimeToPublish)
{
    public static IncidentFacts Of(PostMortem p, SiteSettings settings)
    {
        var times = IncidentTimes.Of(p);
        return new IncidentFacts(p.Date, p.Year, settings.SeverityRank(p.Severity), p.NearMiss, IncidentMetrics.HasRootCause(p),
            times.TimeToDetect, times.DetectSource, times.TimeToResolve, times.ResolveSource, IncidentMetrics.TimeToPublishOf(p));
    }
}

/// <summary>
/// What a preview session keeps of the metrics for one set of views (settings and build date): each parsed post-mortem's
/// facts, and the last build's facts in knowledge-base order with what was counted from them.
/// </summary>
internal sealed class KeptMetrics
{
    public ConditionalWeakTable<PostMortem, IncidentFacts> Facts { get; } = [];

    public (IncidentFacts[] Facts, IncidentMetrics.Counted Counts)? Last { get; set; }
}

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

    public static IncidentMetrics Build(KnowledgeBase knowledgeBase, RelatedIncidents related, DateOnly now) =>
        Build(knowledgeBase, related, now, kept: null);

    /// <summary>The figures, with what a preview session keeps for the same settings and build date when given.</summary>
    internal static IncidentMetrics Build(KnowledgeBase knowledgeBase, RelatedIncidents related, DateOnly now, KeptMetrics? kept)
    {
        var all = knowledgeBase.PostMortems;
        var settings = knowledgeBase.Settings;
        ConditionalWeakTable<PostMortem, IncidentFacts>.CreateValueCallback measure = p => IncidentFacts.Of(p, settings);
        var rows = new Row[all.Count];
        Parallel.For(0, rows.Length, i => rows[i] = Row.Of(all[i], kept is null ? measure(all[i]) : kept.Facts.GetValue(all[i], measure), related));

        // The counts follow from the facts alone: while every post-mortem's are as they were, so are the counts.
        var facts = Array.ConvertAll(rows, r => r.Facts);
        var counts = kept?.Last is { } last && SameFacts(last.Facts, facts) ? last.Counts : Count(facts, settings, now);
        if (kept is not null)
        {
            kept.Last = (facts, counts);
        }

        var rootCauseMissing = new List<PostMortem>();
        var recurrent = new List<PostMortem>();
        var withRelated = 0;
        foreach (var row in rows)
        {
            if (!row.Facts.RootCause)
            {
                rootCauseMissing.Add(row.PostMortem);
            }

            if (row.Earlier)
            {
                recurrent.Add(row.PostMortem);
            }

            withRelated += row.HasRelated ? 1 : 0;
        }

        var recurrences = rows
            .Where(r => r.Later.Count > 0)
            .Select(r => new Recurrence(r.PostMortem, r.Later))
            .OrderByDescending(r => r.Later.Count)
            .ThenBy(r => r.PostMortem.Date)
            .ThenBy(r => r.PostMortem.Id, StringComparer.Ordinal)
            .ToList();

        return new IncidentMetrics
        {
            Severities = counts.Severities,
            Months = counts.Months,
            Quarters = counts.Quarters,
            Total = all.Count,
            Undated = counts.Undated,
            TimeToDetect = counts.TimeToDetect,
            TimeToResolve = counts.TimeToResolve,
            DetectSources = counts.DetectSources,
            ResolveSources = counts.ResolveSources,
            TimeToPublish = counts.TimeToPublish,
            RootCauseIdentified = all.Count - rootCauseMissing.Count,
            RootCauseMissing = rootCauseMissing,
            NearMisses = counts.NearMisses,
            WithRelated = withRelated,
            Recurrent = recurrent,
            Recurrences = recurrences,
            RecurringThemes = related.Themes.Count,
        };
    }

    private static bool SameFacts(IncidentFacts[] before, IncidentFacts[] now)
    {
        if (before.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!ReferenceEquals(before[i], now[i]) && !before[i].Equals(now[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>What is counted from the post-mortems' facts, in knowledge-base order.</summary>
    internal sealed record Counted(
        IReadOnlyList<string> Severities, IReadOnlyList<SeverityCounts> Months, IReadOnlyList<SeverityCounts> Quarters, int Undated,
        IReadOnlyList<DurationRow> TimeToDetect, IReadOnlyList<DurationRow> TimeToResolve,
        IReadOnlyDictionary<TimeSource, int> DetectSources, IReadOnlyDictionary<TimeSource, int> ResolveSources,
        IReadOnlyList<PublishRow> TimeToPublish, int NearMisses);

    private static Counted Count(IncidentFacts[] all, SiteSettings settings, DateOnly now)
    {
        // One pass for what the rest is laid out by: severities shown, dated incidents and their span.
        var severities = settings.Severities.ToList();
        var anyUnspecified = false;
        DateOnly? first = null, latest = null;
        foreach (var facts in all)
        {
            anyUnspecified |= facts.Severity == settings.Severities.Count;
            if (facts.Date is { } date)
            {
                first = first is { } f && f <= date ? f : date;
                latest = latest is { } l && l >= date ? l : date;
            }
        }

        if (anyUnspecified)
        {
            severities.Add(Unspecified);
        }

        // Months: the last MonthsShown months up to the build month (or the last incident, if later).
        var lastMonth = new DateOnly(now.Year, now.Month, 1);
        if (latest is { } last && last > lastMonth)
        {
            lastMonth = new DateOnly(last.Year, last.Month, 1);
        }

        var quarters = first is { } from ? QuarterSpan(Quarter.Of(from), Quarter.Of(latest!.Value) is var q && q > Quarter.Of(now) ? q : Quarter.Of(now)) : [];
        var byQuarter = quarters.Select(_ => new List<IncidentFacts>()).ToArray();
        var monthCounts = new int[MonthsShown][];
        for (var m = 0; m < MonthsShown; m++)
        {
            monthCounts[m] = new int[severities.Count];
        }

        var undated = new List<IncidentFacts>();
        var nearMisses = 0;
        foreach (var facts in all)
        {
            if (facts.Date is { } date)
            {
                var quarter = Quarter.Of(date);
                byQuarter[(quarter.Year * 4) + quarter.Number - ((quarters[0].Year * 4) + quarters[0].Number)].Add(facts);
                var month = (date.Year * 12) + date.Month - ((lastMonth.Year * 12) + lastMonth.Month) + MonthsShown - 1;
                if (month >= 0)
                {
                    monthCounts[month][facts.Severity]++;
                }
            }
            else
            {
                undated.Add(facts);
            }

            nearMisses += facts.NearMiss ? 1 : 0;
        }

        return new Counted(
            severities,
            monthCounts.Select((counts, m) => new SeverityCounts(lastMonth.AddMonths(m - MonthsShown + 1).ToString("MMM yyyy", CultureInfo.InvariantCulture), counts.ToList())).ToList(),
            quarters.Select((q, i) => Counts(q.ToString(), byQuarter[i], severities.Count)).ToList(),
            undated.Count,
            Durations(all, byQuarter, quarters, undated, f => f.TimeToDetect),
            Durations(all, byQuarter, quarters, undated, f => f.TimeToResolve),
            Sources(all.Select(f => f.DetectSource)),
            Sources(all.Select(f => f.ResolveSource)),
            Publishing(all),
            nearMisses);
    }

    /// <summary>A post-mortem with its facts and what its related incidents make of it, which changes with other post-mortems.</summary>
    private readonly record struct Row(PostMortem PostMortem, IncidentFacts Facts, bool HasRelated, bool Earlier, IReadOnlyList<PostMortem> Later)
    {
        public static Row Of(PostMortem p, IncidentFacts facts, RelatedIncidents related)
        {
            var others = related.Of(p);
            var earlier = false;
            List<PostMortem>? later = null;
            if (p.Date is { } date)
            {
                foreach (var other in others)
                {
                    if (other.PostMortem.Date is { } otherDate)
                    {
                        earlier |= otherDate < date;
                        if (otherDate > date)
                        {
                            (later ??= []).Add(other.PostMortem);
                        }
                    }
                }
            }

            return new Row(p, facts, others.Count > 0, earlier,
                later is null ? [] : later.OrderBy(o => o.Date).ThenBy(o => o.Id, StringComparer.Ordinal).ToList());
        }
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

        // A non-answer is a few words: a text with more letters and digits than the longest one (not all x) is an answer.
        // Counted only as far as that is known: root causes are often long.
        var (letters, notX) = (0, false);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters++;
                notX |= c is not ('x' or 'X');
                if (letters > LongestNonAnswer && notX)
                {
                    return true;
                }
            }
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

    private static SeverityCounts Counts(string period, List<IncidentFacts> facts, int severities)
    {
        var counts = new int[severities];
        foreach (var f in facts)
        {
            counts[f.Severity]++;
        }

        return new SeverityCounts(period, counts.ToList());
    }

    private static List<Quarter> QuarterSpan(Quarter first, Quarter last)
    {
        var span = new List<Quarter>();
        for (var q = first; q <= last; q = q.Next())
        {
            span.Add(q);
        }

        return span;
    }

    /// <summary>One row per quarter that had incidents, then undated incidents, then all of them.</summary>
    private static List<DurationRow> Durations(
        IncidentFacts[] all, List<IncidentFacts>[] byQuarter, List<Quarter> quarters, List<IncidentFacts> undated, Func<IncidentFacts, TimeSpan?> measure)
    {
        DurationRow Of(string period, IReadOnlyCollection<IncidentFacts> facts) =>
            new(period, facts.Count, Distribution.Of(facts.Select(measure).OfType<TimeSpan>()));

        var rows = quarters.Select((q, i) => (q, i)).Where(x => byQuarter[x.i].Count > 0).Select(x => Of(x.q.ToString(), byQuarter[x.i])).ToList();
        if (undated.Count > 0)
        {
            rows.Add(Of("no full date", undated));
        }

        rows.Add(Of("all", all));
        return rows;
    }

    private static List<PublishRow> Publishing(IncidentFacts[] all)
    {
        PublishRow Of(string period, IEnumerable<IncidentFacts> facts)
        {
            var spans = facts.Select(f => f.TimeToPublish).OfType<TimeSpan>().ToList();
            return new PublishRow(period, spans.Count, Distribution.Of(spans), spans.Count(s => s <= PublishTarget));
        }

        return
        [
            .. all.Where(f => f.Year is not null).GroupBy(f => f.Year!.Value).OrderBy(g => g.Key)
                .Select(g => Of(g.Key.ToString(CultureInfo.InvariantCulture), g))
                .Where(r => r.Measured > 0),
            Of("all", all),
        ];
    }

    private static Dictionary<TimeSource, int> Sources(IEnumerable<TimeSource> sources) =>
        sources.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"^(human|operator|user|developer|engineer|people|manual) (error|mistake|failure)s?$|^(unknown|tbd|todo|to be determined|n a|na|none|not known|unclear|x+)$")]
    private static partial Regex NonAnswer();
}
