using PmSite.Dashboards;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Tests.Dashboards;

public sealed class IncidentTimesTests
{
    private static PostMortem Parse(string frontMatter, string timeline, string extraSections = "")
    {
        var text = $"""
            ---
            id: INC-1
            title: Test
            date: 2025-02-11
            severity: SEV2
            status: Published
            {frontMatter}
            ---

            ## Timeline

            All times UTC on 2025-02-11 unless stated.

            | Time (UTC) | Event | Who |
            |------------|-------|-----|
            {timeline}

            {extraSections}
            """;
        var diagnostics = new DiagnosticBag();
        var postMortem = PostMortemParser.Parse("post-mortems/inc-1.md", text, new SiteSettings(), diagnostics);
        Assert.NotNull(postMortem);
        return postMortem;
    }

    [Fact]
    public void Front_matter_timestamps_with_the_timeline_start_give_both_times()
    {
        var p = Parse(
            "detected: 2025-02-11T03:22:00Z\nresolved: 2025-02-11T05:15:00Z",
            """
            | 2025-01-08 10:00 | The change weeks before: context, not the start | Change |
            | 03:17 | Certificate expires | kafka |
            | 03:22 | Alert pages on-call | Monitoring |
            | 05:15 | Incident closed | @a |
            """);

        var times = IncidentTimes.Of(p);

        Assert.Equal(TimeSpan.FromMinutes(5), times.TimeToDetect);
        Assert.Equal(TimeSource.Timestamps, times.DetectSource);
        Assert.Equal(TimeSpan.FromMinutes(113), times.TimeToResolve);
        Assert.Equal(TimeSource.Timestamps, times.ResolveSource);
    }

    [Fact]
    public void Without_timestamps_the_timeline_gives_detection_and_recovery()
    {
        var p = Parse("", """
            | 2025-02-11 23:40 | Queue depth starts to grow | kafka |
            | 23:55 | Lag alert fires | Monitoring |
            | 00:20 | Consumers restarted | @a |
            | 00:45 | Lag back to normal, incident resolved | Monitoring |
            | 2025-02-20 10:00 | Post-mortem review meeting | Team |
            """);

        var times = IncidentTimes.Of(p);

        Assert.Equal(TimeSpan.FromMinutes(15), times.TimeToDetect);
        Assert.Equal(TimeSource.Timeline, times.DetectSource);
        Assert.Equal(TimeSpan.FromMinutes(50), times.TimeToResolve); // past midnight: 23:55 → 00:45 next day
        Assert.Equal(TimeSource.Timeline, times.ResolveSource);
    }

    [Fact]
    public void Stated_durations_are_used_when_nothing_can_be_measured()
    {
        var p = Parse("", "| 10:00 | Something happened | x |", """
            ## Stats

            - Time to detection: 54 minutes
            - Time to recovery: 2 hours 28 minutes
            """);

        var times = IncidentTimes.Of(p);

        Assert.Equal(TimeSpan.FromMinutes(54), times.TimeToDetect);
        Assert.Equal(TimeSource.Stated, times.DetectSource);
        Assert.Equal(TimeSpan.FromMinutes(148), times.TimeToResolve);
        Assert.Equal(TimeSource.Stated, times.ResolveSource);
    }

    [Fact]
    public void A_stated_duration_wins_over_one_read_from_the_timeline()
    {
        var p = Parse("", """
            | 10:00 | Errors begin | service |
            | 10:20 | Alert fires | Monitoring |
            | 11:00 | Service restored | @a |
            """, """
            ## Stats

            - Time to detection: 5 minutes
            """);

        var times = IncidentTimes.Of(p);

        Assert.Equal(TimeSpan.FromMinutes(5), times.TimeToDetect);
        Assert.Equal(TimeSource.Stated, times.DetectSource);
        Assert.Equal(TimeSpan.FromMinutes(40), times.TimeToResolve);
        Assert.Equal(TimeSource.Timeline, times.ResolveSource);
    }

    [Fact]
    public void A_first_entry_that_is_itself_the_alert_gives_no_time_to_detect()
    {
        var p = Parse("", """
            | 10:00 | Alert fires for error rate | Monitoring |
            | 10:40 | Service restored | @a |
            """);

        var times = IncidentTimes.Of(p);

        Assert.Null(times.TimeToDetect);
        Assert.Equal(TimeSource.Unknown, times.DetectSource);
    }

    [Fact]
    public void Detection_before_the_first_timeline_entry_is_not_a_negative_time()
    {
        var p = Parse("detected: 2025-02-11T09:00:00Z\nresolved: 2025-02-11T10:00:00Z", "| 09:30 | Rollback started | @a |");

        var times = IncidentTimes.Of(p);

        Assert.Null(times.TimeToDetect);
        Assert.Equal(TimeSpan.FromHours(1), times.TimeToResolve);
    }
}
