using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Tests.Parsing;

/// <summary>The three input shapes of PRODUCT.md, each parsed into the same model.</summary>
public sealed class InputShapeTests
{
    [Fact]
    public void Front_matter_gives_every_field()
    {
        const string text = """
            ---
            id: INC-12345
            title: Payment API outage from connection pool exhaustion
            date: 2025-11-10
            severity: SEV1
            status: Published
            published: 2025-11-12
            authors: [alice, bob]
            reviewers: [tech-lead]
            services: [payment-api, payment-worker]
            tags: [database, connection-pool, resource-leak]
            summary: The payment API was down for two hours.
            detected: 2025-11-10T10:30:00Z
            resolved: 2025-11-10T12:45:00Z
            related: [INC-11234, INC-10456]
            near_miss: false
            visibility: public
            ---

            ## Executive Summary

            Longer text.
            """;

        var (p, diagnostics) = ParseHelper.Parse("post-mortems/inc-12345.md", text);

        Assert.DoesNotContain(diagnostics, d => d.Level != DiagnosticLevel.Note);
        Assert.NotNull(p);
        Assert.Equal(MetadataSource.FrontMatter, p.Source);
        Assert.Equal("INC-12345", p.Id);
        Assert.Equal("Payment API outage from connection pool exhaustion", p.Title);
        Assert.Equal(new DateOnly(2025, 11, 10), p.Date);
        Assert.Equal("SEV1", p.Severity);
        Assert.Equal("Published", p.Status);
        Assert.Equal(new DateOnly(2025, 11, 12), p.Published);
        Assert.Equal(["alice", "bob"], p.Authors);
        Assert.Equal(["tech-lead"], p.Reviewers);
        Assert.Equal(["payment-api", "payment-worker"], p.Services);
        Assert.Equal(["database", "connection-pool", "resource-leak"], p.Tags);
        Assert.Equal("The payment API was down for two hours.", p.Summary);
        Assert.Equal(TimeSpan.FromMinutes(135), p.TimeToResolve);
        Assert.Equal(["INC-11234", "INC-10456"], p.Related);
        Assert.False(p.NearMiss);
        Assert.Equal(Visibility.Public, p.Visibility);
        Assert.Equal(5, p.FieldLines["severity"]);
    }

    [Fact]
    public void The_guides_template_header_is_read_without_front_matter()
    {
        const string text = """
            # Post-Mortem: Payment API outage

            **Date**: 2025-11-10
            **Author(s)**: [@person1, @person2]
            **Reviewers**: [@tech-lead, @sre]
            **Incident ID**: INC-12345
            **Severity**: SEV1
            **Status**: Published

            ---

            ## Executive Summary

            On November 10, 2025, the Payment API experienced a 2-hour outage.
            """;

        var (p, diagnostics) = ParseHelper.Parse("INC-12345.md", text);

        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.NotNull(p);
        Assert.Equal(MetadataSource.TemplateHeader, p.Source);
        Assert.Equal("INC-12345", p.Id);
        Assert.Equal("Payment API outage", p.Title);
        Assert.Equal(new DateOnly(2025, 11, 10), p.Date);
        Assert.Equal("SEV1", p.Severity);
        Assert.Equal("Published", p.Status);
        Assert.Equal(["@person1", "@person2"], p.Authors);
        Assert.Equal(["@tech-lead", "@sre"], p.Reviewers);
        Assert.Equal("On November 10, 2025, the Payment API experienced a 2-hour outage.", p.Summary);
        Assert.Equal(SectionKind.Summary, Assert.Single(p.Sections).Kind);
    }

    [Theory]
    [InlineData("\n# Post-Mortem: T\n**Incident ID**: INC-1\n- **Date**: 2025-11-10\n\n***\n## Impact\nNone.", "\n\n\n\n\n\n## Impact\nNone.")]
    [InlineData("**Incident ID**: INC-1\n**Date**: 2025-11-10\n\nText\n---\n", "\n\n\nText\n---\n")]
    [InlineData("# Post-Mortem: T\n**Incident ID**: INC-1\n**Date**: 2025-11-10", "\n\n")]
    public void A_template_headers_lines_are_emptied_so_the_body_keeps_file_lines(string text, string body)
    {
        var metadata = MetadataBlock.Read("INC-1.md", text, new DiagnosticBag());

        Assert.Equal(MetadataSource.TemplateHeader, metadata!.Source);
        Assert.Equal(body, metadata.Body);
    }

    [Theory]
    [InlineData("PM2019-009 - Kubernetes network infrastructure IP starvation.md", "PM2019-009")]
    [InlineData("2025-09-29-flags-is-down.md", "2025-09-29-flags-is-down")]
    [InlineData("INC-1234-db-outage.md", "INC-1234")]
    public void A_plain_file_gets_its_id_from_the_file_name(string file, string id)
    {
        var (p, _) = ParseHelper.Parse(file, "# Something broke\n\n## Summary\n\nIt broke.\n");

        Assert.NotNull(p);
        Assert.Equal(MetadataSource.Inferred, p.Source);
        Assert.Equal(id, p.Id);
        Assert.Equal("Something broke", p.Title);
    }

    [Fact]
    public void A_plain_file_takes_its_date_from_the_file_name_first()
    {
        var (p, diagnostics) = ParseHelper.Parse("2025-09-29-flags-is-down.md", "Flags were down.\n");

        Assert.NotNull(p);
        Assert.Equal(new DateOnly(2025, 9, 29), p.Date);
        Assert.Equal("Flags is down", p.Title);
        Assert.DoesNotContain(diagnostics, d => d.Code == "inferred-date");
    }

    [Fact]
    public void A_plain_file_takes_its_date_from_the_earliest_timeline_row_then_the_summary()
    {
        const string withTimeline = """
            # Outage

            ## Summary

            On Friday 29 November 2019 we scaled the cluster.

            ## Timeline

            | Date and Time in CET | Event |
            |:--|--|
            | 2019-11-30 08:24 | Warning from AWS |
            | 2019-11-29 12:00 | Scaled up |
            """;
        var (fromTimeline, _) = ParseHelper.Parse("PM2019-009 - Outage.md", withTimeline);
        Assert.Equal(new DateOnly(2019, 11, 29), fromTimeline!.Date);
        Assert.Equal("CET", fromTimeline.Timeline[0].TimeZone);
        Assert.Equal(new DateTime(2019, 11, 30, 8, 24, 0), fromTimeline.Timeline[0].Timestamp);

        var (fromSummary, _) = ParseHelper.Parse("PM2019-009 - Outage.md", "# Outage\n\n## Summary\n\nOn Friday 29 November 2019 we scaled the cluster.\n");
        Assert.Equal(new DateOnly(2019, 11, 29), fromSummary!.Date);
    }

    [Fact]
    public void What_cannot_be_inferred_is_reported_not_invented()
    {
        var (p, diagnostics) = ParseHelper.Parse("PM2020-003 - Migration.md", "# Migration issues\n\n## Summary\n\nThe migration failed.\n");

        Assert.NotNull(p);
        Assert.Null(p.Date);
        Assert.Equal(2020, p.Year);
        Assert.Null(p.Severity);
        Assert.Null(p.Status);
        var unspecified = Assert.Single(diagnostics, d => d is { Level: DiagnosticLevel.Warning, Code: "unspecified" });
        Assert.Equal("date (only the year 2020 is known), severity and status are not stated and shown as \"unspecified\"", unspecified.Message);
        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
    }

    [Fact]
    public void A_stats_section_gives_category_and_stated_durations()
    {
        const string text = "# KIAM disruption\n\n## Summary\n\nx\n\n# Stats\n\n- Category: Kubernetes\n- Time to detection: 54 minutes\n- Time to recovery: ?\n";

        var (p, _) = ParseHelper.Parse("PM2020-002 - KIAM.md", text);

        Assert.Equal(["kubernetes"], p!.Tags);
        Assert.Equal(TimeSpan.FromMinutes(54), p.StatedTimeToDetect);
        Assert.Null(p.StatedTimeToResolve);
    }

    [Theory]
    [InlineData("---\nid: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\n---\n\n## Impact\n\nSlow.\n", 8)]
    [InlineData("---  \nid: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\n...\t\n## Impact\nSlow.", 7)]
    [InlineData("---\nid: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\n---", 0)]
    public void Front_matter_closed_by_any_marker_keeps_the_body_on_its_file_lines(string text, int impactLine)
    {
        var (p, diagnostics) = ParseHelper.Parse("x.md", text);

        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("INC-1", p!.Id);
        Assert.Equal(impactLine, p.SectionOf(SectionKind.Impact)?.Line ?? 0);
    }
}
