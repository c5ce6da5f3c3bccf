using PmSite.Diagnostics;
using PmSite.Model;

namespace PmSite.Tests.Parsing;

/// <summary>
/// Bad metadata is reported with its file and line, every problem in one pass. What stays an error in a folder a team
/// already has: YAML that does not parse, a date off the calendar, a value outside a declared vocabulary, a hostile id.
/// </summary>
public sealed class BadInputTests
{
    private static readonly SiteSettings s_declared = new()
    {
        Severities = ["SEV1", "SEV2", "SEV3"],
        SeveritiesDeclared = true,
        Statuses = ["Draft", "Under Review", "Published"],
    };

    [Theory]
    [InlineData("---\nid: INC-1\ntitle: a: b\ndate: 2025-01-01\nseverity: SEV1\n---\n", "yaml", 3)]
    [InlineData("---\nid: INC-1\ntitle: [unclosed\ndate: 2025-01-01\nseverity: SEV1\n---\n", "yaml", 2)]
    [InlineData("---\nid: INC-1\n  title: T\ndate: 2025-01-01\nseverity: SEV1\n---\n", "yaml", 3)]
    [InlineData("---\nid: INC-1\ntitle: T\ndate: 2025-13-45\nseverity: SEV1\n---\n", "invalid-date", 4)]
    [InlineData("---\nid: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV9\n---\n", "unknown-severity", 5)]
    [InlineData("---\nid: INC-1\ntitle: T\ndate: 2025-02-30\nseverity: SEV1\n---\n", "invalid-date", 4)]
    [InlineData("---\nid: ../../etc\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\n---\n", "invalid-id", 2)]
    [InlineData("---\nid: INC-1\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\nstatus: Finished-ish\n---\n", "unknown-status", 6)]
    [InlineData("---\nid: INC-1\ntitle: T\n", "front-matter", 1)]
    [InlineData("", "empty-file", 1)]
    [InlineData("\n  \n\t\n", "empty-file", 1)]
    [InlineData("# Post-Mortem: T\n\n**Incident ID**: INC-1\n**Date**: 31.04.2025\n**Severity**: SEV1\n", "invalid-date", 4)]
    public void A_bad_field_is_an_error_at_its_line(string text, string code, int line)
    {
        var (p, diagnostics) = ParseHelper.Parse("post-mortems/bad.md", text, s_declared);

        Assert.Null(p);
        var error = Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(code, error.Code);
        Assert.Equal(line, error.Line);
        Assert.Equal("post-mortems/bad.md", error.File);
    }

    [Fact]
    public void Every_bad_field_of_a_file_is_reported_at_once()
    {
        var (_, diagnostics) = ParseHelper.Parse("bad.md", "---\nid: INC-1\ntitle: T\ndate: 2025-00-10\nseverity: SEV9\nvisibility: secret\n---\n", s_declared);

        Assert.Equal(["invalid-date", "unknown-severity", "invalid-field"], diagnostics.Where(d => d.Level == DiagnosticLevel.Error).OrderBy(d => d.Line).Select(d => d.Code));
    }

    [Fact]
    public void Severities_come_from_the_settings()
    {
        var settings = new SiteSettings { Severities = ["P1", "P2"], SeveritiesDeclared = true };

        var (ok, _) = ParseHelper.Parse("a.md", "---\nid: A\ntitle: T\ndate: 2025-01-01\nseverity: p2\n---\n", settings);
        var (bad, diagnostics) = ParseHelper.Parse("b.md", "---\nid: B\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\n---\n", settings);

        Assert.Equal("P2", ok!.Severity);
        Assert.Null(bad);
        Assert.Contains("P1, P2", Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_timestamp_without_a_zone_is_read_as_utc_with_a_warning()
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", "---\nid: A\ntitle: T\ndate: 2025-01-01\nseverity: SEV1\nstatus: Draft\ndetected: 2025-01-01T10:00\n---\n");

        Assert.Equal(new DateTimeOffset(2025, 1, 1, 10, 0, 0, TimeSpan.Zero), p!.Detected);
        Assert.Equal(7, Assert.Single(diagnostics, d => d.Code == "timestamp-zone").Line);
    }
}
