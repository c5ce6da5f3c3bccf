using System.Text.Json;
using PmSite.Authoring.Lint;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Authoring.Lint;

public sealed class LintCommandTests
{
    [Fact]
    public async Task The_sample_knowledge_base_lints_clean_but_for_one_late_publication()
    {
        var report = await LintRunner.RunAsync(Repo.SampleInput);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("post-mortems/2023/INC-1002-order-db-wal-disk-full.md", "time-to-publish"), (finding.File, finding.Rule));
        Assert.Equal(14, report.PostMortems);
    }

    [Fact]
    public async Task Pages_are_not_linted_even_when_they_quote_blame_on_purpose()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With("Nothing else."));
        temp.Write("pages/how-to-write.md", "# How to write\n\nNever write \"Sarah forgot to check the config\" or \"human error caused the outage\".\n");

        var report = await LintRunner.RunAsync(temp.Path);

        Assert.Empty(report.Findings);
    }

    [Fact]
    public async Task Reports_what_reading_the_whole_knowledge_base_finds_too()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With("Nothing else.").Replace("services: [payment-api]", "services: [payment-api]\nrelated: [INC-404]"));

        var report = await LintRunner.RunAsync(temp.Path);

        var finding = Assert.Single(report.Findings);
        Assert.Equal(("dangling-related", LintSeverity.Warning), (finding.Rule, finding.Severity));
    }

    [Fact]
    public void Json_lists_file_line_column_rule_severity_message_and_hint()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With("Sarah forgot to check the config."));
        var stdout = new StringWriter();

        var exit = Cli.Program.Run(["lint", "--input", temp.Path, "--format", "json"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var finding = Assert.Single(JsonDocument.Parse(stdout.ToString()).RootElement.EnumerateArray());
        Assert.Equal(["file", "line", "column", "rule", "severity", "message", "hint"], finding.EnumerateObject().Select(p => p.Name));
        Assert.Equal("post-mortems/INC-1.md", finding.GetProperty("file").GetString());
        Assert.Equal(LintKit.MarkerLine, finding.GetProperty("line").GetInt32());
        Assert.Equal(1, finding.GetProperty("column").GetInt32());
        Assert.Equal("blame-person", finding.GetProperty("rule").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Contains("Sarah forgot", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sarah forgot to check the config.", false, 0)]
    [InlineData("Sarah forgot to check the config.", true, 1)]
    [InlineData("The config check was not part of the rollout checklist.", true, 0)]
    public void Strict_fails_when_anything_is_found(string sentence, bool strict, int expected)
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With(sentence));
        string[] args = strict ? ["lint", "--input", temp.Path, "--strict"] : ["lint", "--input", temp.Path];

        Assert.Equal(expected, Cli.Program.Run(args, new StringWriter(), new StringWriter()));
    }

    [Fact]
    public void A_file_that_does_not_parse_is_an_error_with_its_line()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", "---\nid: INC-1\ntitle: Broken\ndate: 2025-02-30\nseverity: SEV2\n---\n\nText.\n");
        var stdout = new StringWriter();

        var exit = Cli.Program.Run(["lint", "--input", temp.Path], stdout, new StringWriter());

        Assert.Equal(1, exit);
        Assert.Contains("post-mortems/INC-1.md:4: error invalid-date:", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_output_gives_the_position_and_the_hint()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With("It was a careless mistake."));
        var stdout = new StringWriter();

        Cli.Program.Run(["lint", "--input", temp.Path], stdout, new StringWriter());

        var lines = stdout.ToString().Split('\n');
        Assert.StartsWith($"post-mortems/INC-1.md:{LintKit.MarkerLine}:10: warning judgmental-language: \"careless\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("    hint: ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_reports_findings_as_warnings_named_by_rule_and_still_succeeds()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", LintKit.With("Sarah forgot to check the config. <!-- a note for reviewers -->"));

        var result = await SiteFixture.BuildAsync(temp.Combine("input"), temp.Combine("site"));

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Warning);
        Assert.Equal(("blame-person", LintKit.MarkerLine, 1), (warning.Code, warning.Line, warning.Column));
        Assert.Contains("hint:", warning.Message, StringComparison.Ordinal);
        var page = File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html"));
        Assert.DoesNotContain("a note for reviewers", page, StringComparison.Ordinal);
    }
}
