using PmSite.Authoring.Lint.Rules;

namespace PmSite.Tests.Authoring.Lint;

public sealed class TimestampZoneRuleTests
{
    [Theory]
    [InlineData("", "| Time (UTC) | Event |", "| 10:30 | Error rate spiked |", false)]
    [InlineData("", "| Time | Event |", "| 10:30 | Error rate spiked |", true)]
    [InlineData("All times in UTC.", "| Time | Event |", "| 10:30 | Error rate spiked |", false)]
    [InlineData("", "| Time | Event |", "| 2025-11-10 10:30 | Error rate spiked |", true)]
    [InlineData("", "| Time | Event |", "| 2025-11-10T10:30Z | Error rate spiked |", false)]
    [InlineData("", "| Time | Event |", "| 10:30 CET | Error rate spiked |", false)]
    [InlineData("", "| Date | Event |", "| 2025-11-10 | Error rate spiked |", false)]
    public void Timeline_times_need_a_zone(string intro, string header, string row, bool flagged)
    {
        var timeline = $"{intro}\n\n{header}\n|---|---|\n{row}\n";
        var text = LintKit.PostMortem(LintKit.DefaultBody.Replace(Timeline, timeline)).Replace(LintKit.Marker, "Nothing else.");

        var findings = LintKit.Run(new TimestampZoneRule(), text);

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.Equal(header, text.Split('\n')[findings[0].Line - 1]);
            Assert.Equal(3, findings[0].Column);
        }
    }

    [Theory]
    [InlineData("- 10:30 error rate spiked\n- 11:10 rollback complete", true)]
    [InlineData("- 10:30 UTC error rate spiked\n- 11:10 UTC rollback complete", false)]
    public void List_timelines_need_a_zone_too(string list, bool flagged)
    {
        var text = LintKit.PostMortem(LintKit.DefaultBody.Replace(Timeline, list)).Replace(LintKit.Marker, "Nothing else.");

        Assert.Equal(flagged, LintKit.Run(new TimestampZoneRule(), text).Count == 1);
    }

    [Fact]
    public void Each_timeline_section_is_judged_on_its_own_tables_and_lists()
    {
        // The first section names its zone; the second, a table and a list after it, does not.
        const string timelines = """
            | Time (UTC) | Event |
            |---|---|
            | 10:30 | Error rate spiked |

            ## Chronology

            | Time | Event |
            |---|---|
            | 11:00 | Rollback started |

            - 11:10 paged the database team
            """;
        var text = LintKit.PostMortem(LintKit.DefaultBody.Replace(Timeline, timelines)).Replace(LintKit.Marker, "Nothing else.");
        var lines = text.Split('\n');

        var findings = LintKit.Run(new TimestampZoneRule(), text);

        Assert.Equal(["| Time | Event |", "- 11:10 paged the database team"], findings.Select(f => lines[f.Line - 1]));
    }

    [Theory]
    [InlineData("2025-11-10T10:30:00Z", false)]
    [InlineData("2025-11-10T10:30:00+01:00", false)]
    [InlineData("2025-11-10T10:30:00", true)]
    [InlineData("'2025-11-10 10:30'", true)]
    public void Detected_and_resolved_need_a_zone(string detected, bool flagged)
    {
        var text = LintKit.With("Nothing else.").Replace("detected: 2025-11-10T10:30:00Z", "detected: " + detected);

        var findings = LintKit.Run(new TimestampZoneRule(), text);

        Assert.Equal(flagged, findings.Count == 1);
        if (flagged)
        {
            Assert.StartsWith("detected:", text.Split('\n')[findings[0].Line - 1], StringComparison.Ordinal);
        }
    }

    private const string Timeline = """
        | Time (UTC) | Event | Who/What |
        |------------|-------|----------|
        | 10:30 | Error rate spiked | Monitoring |
        | 11:10 | Rollback complete | @alice.chen |
        """;
}
