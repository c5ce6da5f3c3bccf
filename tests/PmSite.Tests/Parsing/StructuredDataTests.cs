using PmSite.Model;

namespace PmSite.Tests.Parsing;

/// <summary>Timelines and action items become structured data, from tables and from lists.</summary>
public sealed class StructuredDataTests
{
    [Fact]
    public void A_timeline_table_gives_time_event_and_actor()
    {
        const string text = """
            # T

            ## Timeline

            | Time (UTC) | Event | Who/What |
            |------------|-------|----------|
            | 10:30 | Payment API error rate spiked to 95% | Automated monitoring |
            | 10:40 | Database team engaged | @engineer1 → @dba-team |
            """;

        var (p, _) = ParseHelper.Parse("x.md", text);

        Assert.Equal(2, p!.Timeline.Count);
        Assert.Equal(new TimelineEntry("10:30", "Payment API error rate spiked to 95%", "Automated monitoring", 7) { TimeZone = "UTC" }, p.Timeline[0]);
        Assert.Equal("@engineer1 → @dba-team", p.Timeline[1].Actor);
        Assert.Null(p.Timeline[1].Timestamp);
    }

    [Fact]
    public void A_timeline_list_is_read_too()
    {
        var (p, _) = ParseHelper.Parse("x.md", "# T\n\n## Timeline\n\nAll times in UTC.\n\n- 2025-01-02 10:30 - Alert fired\n- **10:45** — Rolled back\n");

        Assert.Equal(["Alert fired", "Rolled back"], p!.Timeline.Select(t => t.Event));
        Assert.Equal(new DateTime(2025, 1, 2, 10, 30, 0), p.Timeline[0].Timestamp);
        Assert.All(p.Timeline, t => Assert.Equal("UTC", t.TimeZone));
    }

    [Fact]
    public void Action_item_tables_take_priority_from_their_sub_heading()
    {
        const string text = """
            # T

            ## Action Items

            ### Prevent Recurrence (High Priority)

            | Action | Owner | Deadline | Status | Jira Ticket |
            |--------|-------|----------|--------|-------------|
            | GOOD:Add SpotBugs plugin to detect resource leaks in CI pipeline | @engineer2 | 2025-11-20 | Done | |
            | Add connection pool usage monitoring | @sre-team | 2025-11-25 | In Progress | PROJ-5680 |

            ### Systemic Improvements (Lower Priority, Long-Term)

            | Action | Owner | Deadline | Status | Jira Ticket |
            |--------|-------|----------|--------|-------------|
            | Conduct a gameday exercise | @sre-team | 2026-02-01 | To Do | PROJ-5689 |
            """;

        var (p, _) = ParseHelper.Parse("x.md", text);

        Assert.Equal(3, p!.ActionItems.Count);
        var first = p.ActionItems[0];
        Assert.Equal("Add SpotBugs plugin to detect resource leaks in CI pipeline", first.Action);
        Assert.Equal("@engineer2", first.Owner);
        Assert.Equal(new DateOnly(2025, 11, 20), first.Deadline);
        Assert.Equal(ActionStatus.Done, first.Status);
        Assert.Equal(ActionPriority.High, first.Priority);
        Assert.Null(first.Ticket);
        Assert.Equal(ActionStatus.InProgress, p.ActionItems[1].Status);
        Assert.Equal("PROJ-5680", p.ActionItems[1].Ticket);
        Assert.Equal(ActionPriority.Low, p.ActionItems[2].Priority);
        Assert.Equal(ActionStatus.Open, p.ActionItems[2].Status);
        Assert.True(p.ActionItems[2].IsOverdue(new DateOnly(2026, 3, 1)));
        Assert.False(p.ActionItems[0].IsOverdue(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void Bold_led_bullets_become_action_items_as_real_teams_write_them()
    {
        const string text = """
            # T

            ## Action Items

            - **Make sure all deployed resources have a plan for monitoring / scaling**: This is a work in progress.

            - **Separate node autoscaling groups per zone**: Will allow more organic scheduling.
            """;

        var (p, _) = ParseHelper.Parse("x.md", text);

        Assert.Equal(2, p!.ActionItems.Count);
        Assert.Equal("Make sure all deployed resources have a plan for monitoring / scaling", p.ActionItems[0].Action);
        Assert.Equal("This is a work in progress.", p.ActionItems[0].Detail);
        Assert.Equal(ActionStatus.Unspecified, p.ActionItems[0].Status);
        Assert.Null(p.ActionItems[0].Owner);
    }

    [Fact]
    public void Task_list_items_carry_status_owner_and_deadline()
    {
        var (p, _) = ParseHelper.Parse("x.md", "# T\n\n## Follow-ups\n\n- [x] Add alert (owner: @sre, due: 2025-01-10)\n- [ ] Write runbook @dba by 2025-02-01 PAY-12\n");

        Assert.Equal(2, p!.ActionItems.Count);
        Assert.Equal("Add alert", p.ActionItems[0].Action);
        Assert.Equal(ActionStatus.Done, p.ActionItems[0].Status);
        Assert.Equal("@sre", p.ActionItems[0].Owner);
        Assert.Equal(new DateOnly(2025, 1, 10), p.ActionItems[0].Deadline);
        Assert.Equal(ActionStatus.Open, p.ActionItems[1].Status);
        Assert.Equal("@dba", p.ActionItems[1].Owner);
        Assert.Equal(new DateOnly(2025, 2, 1), p.ActionItems[1].Deadline);
        Assert.Equal("PAY-12", p.ActionItems[1].Ticket);
    }

    [Theory]
    [InlineData("2019-11-30 08:24", "2019-11-30", "2019-11-30T08:24")]
    [InlineData("2019-11-30T08:24Z", "2019-11-30", "2019-11-30T08:24")]
    [InlineData("at 2019-11-30 T 8:05 UTC", "2019-11-30", "2019-11-30T08:05")]
    [InlineData("2021-12-10", "2021-12-10", null)]
    [InlineData("2019-11-30 25:00", "2019-11-30", null)]
    [InlineData("2019-11-30 123:45", "2019-11-30", null)]
    [InlineData("2019-11-30 9:5", "2019-11-30", null)]
    [InlineData("2019-13-45 10:00", null, null)]
    [InlineData("12019-11-30 08:24", null, null)]
    [InlineData("10:30", null, null)]
    public void A_timeline_time_gives_its_day_and_its_moment_when_both_are_written(string time, string? day, string? timestamp)
    {
        var (parsedDay, parsedTimestamp) = PmSite.Parsing.TimelineReader.ParseMoment(time);

        Assert.Equal(day, parsedDay?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(timestamp, parsedTimestamp?.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }
}
