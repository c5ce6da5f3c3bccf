using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PmSite.Content;
using PmSite.Dashboards;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Related;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Dashboards;

/// <summary>
/// Nine incidents with known timestamps (every timeline starts at 10:00 UTC; <c>detected</c> and <c>resolved</c> in the
/// front matter), built with <c>--now 2026-03-31</c>. Medians and 90th percentiles worked out by hand (nearest rank,
/// rank ⌈p·n/100⌉):
/// <code>
/// 2025 Q4  TTD 5, 1, 12, 3, 30 → 1 3 5 12 30: median rank 3 = 5 min, p90 rank ⌈4.5⌉ = 5 → 30 min
///          TTR 30, 10, 50, 20, 40 → 10 20 30 40 50: median 30 min, p90 50 min
/// 2026 Q1  TTD 2, 8, 4, 6 → 2 4 6 8: median rank 2 = 4 min, p90 rank ⌈3.6⌉ = 4 → 8 min
///          TTR 60, 15, 45, 120 → 15 45 60 120: median 45 min, p90 120 min = 2 h
/// all      TTD 1 2 3 4 5 6 8 12 30: median rank ⌈4.5⌉ = 5 → 5 min, p90 rank ⌈8.1⌉ = 9 → 30 min
///          TTR 10 15 20 30 40 45 50 60 120: median 40 min, p90 2 h
/// publish  2025: 1 2 3 4 6 days → 3 of 5 within 3 days (60%), median 3 days, p90 6 days
///          2026: 0 3 → 2 of 2 (100%); all: 0 1 2 3 3 4 6 → 5 of 7 (71.4%), median rank 4 = 3 days, p90 rank 7 = 6 days
/// </code>
/// </summary>
public sealed class MetricsPageTests(MetricsPageTests.Site site) : IClassFixture<MetricsPageTests.Site>
{
    public static readonly DateOnly Now = new(2026, 3, 31);

    private static readonly (string Id, string Date, string Severity, int Detect, int Resolve, int? PublishDays, string? RootCause, bool NearMiss, string Related)[] s_incidents =
    [
        ("INC-3001", "2025-10-03", "SEV1", 5, 30, 1, "A connection leak in the retry path.", false, ""),
        ("INC-3002", "2025-10-20", "SEV2", 1, 10, 2, "Human error.", false, ""),
        ("INC-3003", "2025-11-05", "SEV2", 12, 50, 3, "The cache TTL was shorter than the refresh job.", false, ""),
        ("INC-3004", "2025-11-25", "SEV3", 3, 20, 4, "Disk alerts were routed to a retired channel.", true, ""),
        ("INC-3005", "2025-12-10", "SEV2", 30, 40, 6, "A schema migration locked the orders table.", false, ""),
        ("INC-3006", "2026-01-07", "SEV1", 2, 60, 0, "The load balancer drained every node at once.", false, ""),
        ("INC-3007", "2026-01-14", "SEV1", 8, 15, 3, null, false, ""),
        ("INC-3008", "2026-02-02", "SEV3", 4, 45, null, "An expired token in the batch job.", false, ""),
        ("INC-3009", "2026-03-20", "SEV2", 6, 120, null, "The retry path leaked connections again.", false, "INC-3001"),
    ];

    /// <summary>The post-mortem text of one of the incidents above.</summary>
    public static string Text((string Id, string Date, string Severity, int Detect, int Resolve, int? PublishDays, string? RootCause, bool NearMiss, string Related) i)
    {
        var day = DateOnly.ParseExact(i.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var start = day.ToDateTime(new TimeOnly(10, 0));
        var detected = start.AddMinutes(i.Detect);
        var resolved = detected.AddMinutes(i.Resolve);
        string Iso(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:00Z", CultureInfo.InvariantCulture);
        var extra = $"detected: {Iso(detected)}\nresolved: {Iso(resolved)}\nnear_miss: {(i.NearMiss ? "true" : "false")}\n"
            + (i.PublishDays is { } p ? $"published: {day.AddDays(p):yyyy-MM-dd}\n" : "")
            + (i.Related.Length > 0 ? $"related: [{i.Related}]\n" : "");
        var body = $"""

            ## Summary

            Incident {i.Id}.

            ## Timeline

            | Time (UTC) | Event | Who |
            |------------|-------|-----|
            | {i.Date} 10:00 | Errors begin | service |
            | {detected:HH:mm} | Alert pages on-call | Monitoring |
            | {resolved:HH:mm} | Service restored | on-call |

            {(i.RootCause is null ? "" : $"## Root Cause\n\n{i.RootCause}\n")}
            """;
        return SiteFixture.PostMortem(i.Id, $"Incident {i.Id}", i.Date, i.Severity, extra, body);
    }

    /// <summary>The knowledge base above, built once for all the tests of this class.</summary>
    public sealed class Site : IAsyncLifetime
    {
        private readonly TempFolder _temp = new();

        public string Output => _temp.Combine("site");

        public string Input => _temp.Combine("kb");

        public async Task InitializeAsync()
        {
            foreach (var incident in s_incidents)
            {
                _temp.Write($"kb/post-mortems/{incident.Id.ToLowerInvariant()}.md", Text(incident));
            }

            var result = await SiteFixture.BuildAsync(Input, Output, Now);
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        }

        public Task DisposeAsync()
        {
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }

    private IDocument Page() => new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(site.Output, "metrics", "index.html")));

    private static string[] Row(IDocument page, string table, string period) =>
        page.QuerySelector($"#{table} tr[data-period='{period}']")!.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray();

    public static TheoryData<string, string, string, string, string> Distributions => new()
    {
        // table, period, measured, median, p90
        { "table-detect", "2025 Q4", "5", "5 min", "30 min" },
        { "table-detect", "2026 Q1", "4", "4 min", "8 min" },
        { "table-detect", "all", "9", "5 min", "30 min" },
        { "table-resolve", "2025 Q4", "5", "30 min", "50 min" },
        { "table-resolve", "2026 Q1", "4", "45 min", "2 h" },
        { "table-resolve", "all", "9", "40 min", "2 h" },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Time_to_detect_and_resolve_are_distributions_per_quarter(string table, string period, string measured, string median, string p90)
    {
        var row = Page().QuerySelector($"#{table} tr[data-period='{period}']")!;

        Assert.Equal(measured, row.QuerySelectorAll("td")[1].TextContent.Trim());
        Assert.Equal(median, row.QuerySelector("[data-stat='median']")!.TextContent.Trim());
        Assert.Equal(p90, row.QuerySelector("[data-stat='p90']")!.TextContent.Trim());
    }

    [Fact]
    public void Incidents_are_counted_per_quarter_and_month_by_severity()
    {
        var page = Page();

        Assert.Equal(["2025 Q4", "2026 Q1"], page.QuerySelectorAll("#table-quarters tbody th").Select(t => t.TextContent));
        Assert.Equal(["SEV1", "SEV2", "SEV3", "Total"], page.QuerySelectorAll("#table-quarters thead th").Skip(1).Select(t => t.TextContent));
        Assert.Equal(["1", "3", "1", "5"], Row(page, "table-quarters", "2025 Q4"));
        Assert.Equal(["2", "1", "1", "4"], Row(page, "table-quarters", "2026 Q1"));
        Assert.Equal(24, page.QuerySelectorAll("#table-months tbody tr").Length);
        Assert.Equal("Mar 2026", page.QuerySelectorAll("#table-months tbody th").Last().TextContent);
        Assert.Equal(["1", "1", "0", "2"], Row(page, "table-months", "Oct 2025"));
        Assert.Equal(["0", "0", "0", "0"], Row(page, "table-months", "Sep 2025"));
    }

    [Fact]
    public void Time_to_publish_is_measured_against_72_hours()
    {
        var page = Page();

        // measured, median, p90, longest, within, share
        Assert.Equal(["5", "3 days", "6 days", "6 days", "3", "60%"], Row(page, "table-publish", "2025"));
        Assert.Equal(["2", "0 days", "3 days", "3 days", "2", "100%"], Row(page, "table-publish", "2026"));
        Assert.Equal(["7", "3 days", "6 days", "6 days", "5", "71.4%"], Row(page, "table-publish", "all"));
        Assert.Equal("71.4%", page.QuerySelector("#figure-publish-share .figure-value")!.TextContent.Trim());
    }

    [Fact]
    public void Root_causes_and_near_misses_are_counted()
    {
        var page = Page();

        Assert.Equal("77.8%", page.QuerySelector("#figure-root-cause-share .figure-value")!.TextContent.Trim());
        Assert.Equal(["INC-3007", "INC-3002"], page.QuerySelectorAll("#root-cause-missing a").Select(a => a.GetAttribute("data-incident-id")));
        Assert.Equal("1", page.QuerySelector("#figure-near-misses .figure-value")!.TextContent.Trim());
        Assert.Equal(["INC-3004"], page.QuerySelectorAll("#near-miss-list a").Select(a => a.GetAttribute("data-incident-id")));
    }

    [Fact]
    public void Every_chart_is_accessible_svg_with_its_data_table_beside_it()
    {
        var figures = Page().QuerySelectorAll("figure.chart-figure");

        Assert.Equal(4, figures.Length);
        foreach (var figure in figures)
        {
            var svg = figure.QuerySelector("svg")!;
            Assert.Equal("img", svg.GetAttribute("role"));
            var labels = svg.GetAttribute("aria-labelledby")!.Split(' ');
            Assert.Equal("title", svg.QuerySelector($"[id='{labels[0]}']")!.LocalName);
            Assert.Equal("desc", svg.QuerySelector($"[id='{labels[1]}']")!.LocalName);
            Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("desc")!.TextContent));
            Assert.NotNull(figure.QuerySelector("table.data-table"));
            Assert.NotNull(figure.QuerySelector("figcaption"));
        }

        var quarterBars = Page().QuerySelectorAll("#chart-quarters rect title").Select(t => t.TextContent).ToList();
        Assert.Contains("2025 Q4 · SEV2: 3", quarterBars);
        Assert.Contains("2026 Q1 · SEV1: 2", quarterBars);
    }

    [Fact]
    public void Recurrence_counts_incidents_related_to_earlier_ones()
    {
        var settings = new SiteSettings();
        var postMortems = s_incidents.Select(i => PostMortemParser.Parse($"{i.Id}.md", Text(i), settings, new DiagnosticBag())!).ToList();
        var knowledgeBase = new KnowledgeBase(settings, postMortems);

        var metrics = IncidentMetrics.Build(knowledgeBase, new RelatedIncidents(knowledgeBase, new NoSimilarity(), []), Now);

        Assert.Equal(2, metrics.WithRelated); // INC-3009 links INC-3001, so INC-3001 is linked from INC-3009
        Assert.Equal(["INC-3009"], metrics.Recurrent.Select(p => p.Id));
        var recurrence = Assert.Single(metrics.Recurrences);
        Assert.Equal("INC-3001", recurrence.PostMortem.Id);
        Assert.Equal(["INC-3009"], recurrence.Later.Select(p => p.Id));
        Assert.Equal(1, metrics.NearMisses);
        Assert.Equal(0, metrics.Undated);
    }

    /// <summary>Only author links and backlinks: text similarity is tested where it is built.</summary>
    private sealed class NoSimilarity : ISimilarIncidents
    {
        public IReadOnlyList<SimilarIncident> Of(PostMortem postMortem) => [];
    }
}
