using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using PmSite.Dashboards.Charts;
using PmSite.Model;
using PmSite.Modules;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Dashboards;

/// <summary>
/// The trends page at <c>/metrics/</c>: incidents per quarter and month by severity, time to detect and resolve as
/// distributions per quarter, time to publish against 72 hours, root-cause quality, near misses and recurrence.
/// Charts are static SVG made here, each with a data table beside it.
/// </summary>
public sealed class RenderMetrics : IModule
{
    public const string PagePath = "metrics/";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var related = FindRelatedIncidents.From(context);
        var site = context.Get<SiteRenderer>();
        var views = site.Views;
        var kept = context.Get<Incremental.BuildCache>().Views;
        var metrics = IncidentMetrics.Build(knowledgeBase, related, views.Now, kept?.Metrics);

        var severities = metrics.Severities.Select((s, i) => new
        {
            Name = s,
            CssClass = s == IncidentMetrics.Unspecified ? "sev-unspecified" : "sev-rank-" + i.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        ChartView Counts(string id, string title, string what, IReadOnlyList<SeverityCounts> periods)
        {
            var series = severities.Select((s, i) => new ChartSeries(s.Name, s.CssClass, periods.Select(p => (double)p.Counts[i]).ToList())).ToList();
            var busiest = periods.OrderByDescending(p => p.Total).FirstOrDefault();
            var description = periods.Count == 0
                ? "No dated incidents."
                : $"{periods.Sum(p => p.Total)} incidents from {periods[0].Period} to {periods[^1].Period}, {what}; " +
                  (busiest is { Total: > 0 } ? $"the most, {busiest.Total}, in {busiest.Period}." : "none in this span.") +
                  " The table beside the chart gives every value.";
            return new ChartView(id, title, new BarChart(id, title, description, periods.Select(p => p.Period).ToList(), series).ToSvg());
        }

        ChartView Durations(string id, string title, IReadOnlyList<DurationRow> rows)
        {
            var all = rows[^1].Distribution;
            var description = all is null
                ? "No durations could be measured."
                : $"Measured for {all.Count} incidents: median {ViewFactory.Duration(all.Median)}, 90th percentile {ViewFactory.Duration(all.P90)}, " +
                  $"from {ViewFactory.Duration(all.Min)} to {ViewFactory.Duration(all.Max)}. One row per quarter; the table beside the chart gives every value.";
            return new ChartView(id, title, new RangeChart(id, title, description, rows.Select(r => new RangeRow(r.Period, r.Distribution)).ToList()).ToSvg());
        }

        var publishAll = metrics.TimeToPublish[^1];
        var model = new
        {
            BuildDate = DashboardFormat.Date(views.Now),
            Total = metrics.Total,
            Undated = metrics.Undated,
            Severities = severities,
            Figures = new List<FigureView>
            {
                new("Post-mortems", Int(metrics.Total), Id: "total"),
                new("Published within 72 h", DashboardFormat.Percent(publishAll.ShareWithinTarget),
                    $"{publishAll.WithinTarget} of {publishAll.Measured} with a publish date", Id: "publish-share"),
                new("Root cause identified", DashboardFormat.Percent(metrics.RootCauseShare), "target: 100%",
                    metrics.RootCauseShare is { } rc ? rc >= 1 : null, "root-cause-share"),
                new("Near misses", Int(metrics.NearMisses), "incidents that almost happened", Id: "near-misses"),
                new("Recurrences", Int(metrics.Recurrent.Count), "related to an earlier incident", Id: "recurrences"),
            },
            QuarterChart = Counts("chart-quarters", "Incidents per quarter by severity", "by quarter", metrics.Quarters),
            Quarters = metrics.Quarters.Select(q => new { q.Period, q.Counts, q.Total }).ToList(),
            MonthChart = Counts("chart-months", $"Incidents per month by severity, last {IncidentMetrics.MonthsShown} months", "by month", metrics.Months),
            Months = metrics.Months.Select(q => new { q.Period, q.Counts, q.Total }).ToList(),
            DetectChart = Durations("chart-detect", "Time to detect per quarter", metrics.TimeToDetect),
            Detect = metrics.TimeToDetect.Select(DashboardFormat.Distribution).ToList(),
            DetectSources = Sources(metrics.DetectSources),
            ResolveChart = Durations("chart-resolve", "Time to resolve per quarter", metrics.TimeToResolve),
            Resolve = metrics.TimeToResolve.Select(DashboardFormat.Distribution).ToList(),
            ResolveSources = Sources(metrics.ResolveSources),
            Publish = metrics.TimeToPublish.Select(r => new
            {
                r.Period,
                r.Measured,
                Median = Days(r.Distribution?.Median),
                P90 = Days(r.Distribution?.P90),
                Max = Days(r.Distribution?.Max),
                r.WithinTarget,
                Share = DashboardFormat.Percent(r.ShareWithinTarget),
            }).ToList(),
            RootCauseIdentified = metrics.RootCauseIdentified,
            RootCauseMissing = views.Summaries(metrics.RootCauseMissing),
            NearMisses = views.Summaries(knowledgeBase.PostMortems.Where(p => p.NearMiss)),
            WithRelated = metrics.WithRelated,
            Recurrent = metrics.Recurrent.Count,
            RecurringThemes = metrics.RecurringThemes,
            RecurringUrl = views.Urls.Link("recurring/"),
            Recurrences = metrics.Recurrences.Select(r => Row(r, views, kept?.Recurrences)).ToList(),
        };

        var page = views.Page("Metrics", PagePath, "metrics",
            "Incident trends by severity, time to detect and resolve, time to publish, root-cause quality and recurrence.");
        return Task.FromResult(ImmutableArray.Create(site.Page("metrics", page, model)));
    }

    /// <summary>
    /// A row of the recurrence table. A preview session keeps each incident's row while the same later incidents come
    /// back (an unchanged post-mortem is the same object, with the same summary view), and with the row its hash: the
    /// table has thousands of rows.
    /// </summary>
    private static RecurrenceView Row(Recurrence recurrence, ViewFactory views, ConditionalWeakTable<PostMortem, KeptRecurrence>? kept)
    {
        if (kept is not null && kept.TryGetValue(recurrence.PostMortem, out var known) && known.Later.SequenceEqual(recurrence.Later, ReferenceEqualityComparer.Instance))
        {
            return known.View;
        }

        var row = new RecurrenceView(views.Summary(recurrence.PostMortem), views.Summaries(recurrence.Later));
        kept?.AddOrUpdate(recurrence.PostMortem, new KeptRecurrence(recurrence.Later, row));
        return row;
    }

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Days(TimeSpan? span) => span is { } s ? (s.TotalDays == 1 ? "1 day" : Int((int)s.TotalDays) + " days") : "n/a";

    /// <summary>"7 from timestamps, 3 from the timeline, 2 as stated, 2 unknown".</summary>
    private static string Sources(IReadOnlyDictionary<TimeSource, int> sources)
    {
        var parts = new List<string>();
        void Add(TimeSource source, string what)
        {
            if (sources.GetValueOrDefault(source) is var n and > 0)
            {
                parts.Add($"{n} {what}");
            }
        }

        Add(TimeSource.Timestamps, "from detected/resolved timestamps");
        Add(TimeSource.Timeline, "from the timeline");
        Add(TimeSource.Stated, "as stated in the text");
        Add(TimeSource.Unknown, "unknown");
        return string.Join(", ", parts);
    }
}

/// <summary>A row of the metrics page's recurrence table and the later incidents it was made from.</summary>
internal sealed record KeptRecurrence(IReadOnlyList<PostMortem> Later, RecurrenceView View);
