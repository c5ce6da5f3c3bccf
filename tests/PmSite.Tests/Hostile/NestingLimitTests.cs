using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// Content nested past what PmSite reads — Markdown block quotes, lists or emphasis, YAML front matter, reading lists,
/// pmsite.yml — is a one-line error naming the file and line, never a crash; build, lint and search report it alike.
/// Facet values too long for a folder name, or whose URL forms collide, still get pages of their own.
/// </summary>
public sealed class NestingLimitTests
{
    private const string Path2 = "post-mortems/inc-2.md";

    // The body of inc-2.md starts on line 8 (front matter of 7 lines); the hostile text on line 11. The error names the
    // line where the nesting passes the limit.
    public static TheoryData<string, int> DeepBodies => new()
    {
        { new string('>', 128) + " deep", 11 },
        { new string('>', 5000) + " deeper", 11 },
        // Markdig's limit of 128 levels is passed at the 64th nested list: a list level is two (list and item).
        { string.Join("\n", Enumerable.Range(0, 300).Select(i => new string(' ', 2 * i) + "- item")), 74 },
        { string.Join(" ", Enumerable.Repeat("*a", 3000)) + " b" + string.Concat(Enumerable.Repeat(" a*", 3000)), 11 },
        { string.Concat(Enumerable.Repeat("- ", 200)) + "x", 11 },
        { "Footnote[^1].\n\n[^1]: " + new string('>', 300) + " deep", 13 },
        { "| a | b |\n|---|---|\n| " + string.Join(" ", Enumerable.Repeat("_a", 300)) + " b" + string.Concat(Enumerable.Repeat(" a_", 300)) + " | c |", 13 },
    };

    [Theory]
    [MemberData(nameof(DeepBodies))]
    public async Task A_body_nested_too_deep_is_an_error_naming_file_and_line_in_build_lint_and_search(string deep, int line)
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        temp.Write("kb/" + Path2, SiteFixture.PostMortem("INC-2", body: "\n## Summary\n\n" + deep + "\n"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(("too-deep", Path2, line), (error.Code, error.File, error.Line));
        Assert.DoesNotContain('\n', error.Message);

        var lint = await PmSite.Authoring.Lint.LintRunner.RunAsync(temp.Combine("kb"));
        Assert.Contains(lint.Findings, f => (f.Rule, f.File, f.Line) == ("too-deep", Path2, line));

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = PmSite.Cli.Program.Run(["search", "pool", "--input", temp.Combine("kb")], stdout, stderr);
        Assert.DoesNotContain("   at ", stdout + "" + stderr, StringComparison.Ordinal);
        Assert.Contains(Path2 + ":" + line, stdout + "" + stderr, StringComparison.Ordinal);
        Assert.NotEqual(134, exit);
    }

    [Fact]
    public async Task The_public_edition_reports_deep_bodies_and_pages_as_errors_too()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", extra: "visibility: public"));
        temp.Write("kb/" + Path2, SiteFixture.PostMortem("INC-2", extra: "visibility: public",
            body: "\n## Summary\n\n" + string.Join(" ", Enumerable.Repeat("*a", 20_000)) + " b" + string.Concat(Enumerable.Repeat(" a*", 20_000)) + "\n"));
        temp.Write("kb/pages/about.md", "# About\n\n" + new string('>', 10_000) + " deep\n");

        var result = await PmSite.Building.SiteBuild.RunAsync(new PmSite.Building.BuildOptions
        {
            InputFolder = temp.Combine("kb"), OutputFolder = temp.Combine("public"), ThemeFolder = Repo.Theme, Now = SiteFixture.Now, Public = true,
        });

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).OrderBy(d => d.File, StringComparer.Ordinal).ToList();
        // One line lower than in the internal tests: 'visibility' adds a line of front matter.
        Assert.Equal([("too-deep", "pages/about.md", 3), ("too-deep", Path2, 12)], errors.Select(e => (e.Code, e.File, e.Line)));
    }

    [Fact]
    public async Task Nesting_under_the_limit_is_read_rendered_linted_searched_and_redacted()
    {
        using var temp = new TempFolder();
        var quotes = new string('>', 40) + " quoted [link](https://example.com) and *emphasis*";
        var list = string.Join("\n", Enumerable.Range(0, 20).Select(i => new string(' ', 2 * i) + "- level " + i));
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", extra: "visibility: public",
            body: SiteFixture.DefaultBody + "\n\n" + quotes + "\n\n" + list + "\n"));

        foreach (var isPublic in new[] { false, true })
        {
            var result = await PmSite.Building.SiteBuild.RunAsync(new PmSite.Building.BuildOptions
            {
                InputFolder = temp.Combine("kb"), OutputFolder = temp.Combine(isPublic ? "public" : "site"), ThemeFolder = Repo.Theme,
                Now = SiteFixture.Now, Public = isPublic,
            });
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        }

        Assert.Contains("level 19", File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html")), StringComparison.Ordinal);
        var lint = await PmSite.Authoring.Lint.LintRunner.RunAsync(temp.Combine("kb"));
        Assert.DoesNotContain(lint.Findings, f => f.Rule == "too-deep");
    }

    [Fact]
    public async Task Front_matter_nested_too_deep_is_an_error_naming_file_and_line()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", extra: "x: " + new string('[', 100_000) + new string(']', 100_000)));
        temp.Write("kb/post-mortems/inc-3.md", SiteFixture.PostMortem("INC-3", extra: "y:\n" + string.Concat(Enumerable.Range(1, 200).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 201) + "v"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).OrderBy(d => d.File, StringComparer.Ordinal).ToList();
        // Where the limit of 64 is passed: on the line of the brackets, and on the 64th nested key (line 7 + 64).
        Assert.Equal([("too-deep", "post-mortems/inc-2.md", 7), ("too-deep", "post-mortems/inc-3.md", 71)],
            errors.Select(e => (e.Code, e.File, e.Line)));
        Assert.All(errors, e => Assert.DoesNotContain('\n', e.Message));
    }

    [Fact]
    public async Task A_reading_list_or_pmsite_yml_nested_too_deep_is_an_error_not_a_crash()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        temp.Write("kb/reading-lists/deep.yml", "title: Deep\nitems: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        temp.Write("kb/reading-lists/block.yml", "title: Block\nitems:\n" + string.Concat(Enumerable.Range(0, 5_000).Select(i => new string(' ', i) + "- \n")) + "\n");

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).OrderBy(d => d.File, StringComparer.Ordinal).ToList();
        Assert.Equal([("too-deep", "reading-lists/block.yml"), ("too-deep", "reading-lists/deep.yml")], errors.Select(e => (e.Code, e.File)));
        Assert.Equal(2, errors.Single(e => e.File == "reading-lists/deep.yml").Line);

        temp.Write("kb/pmsite.yml", "title: Deep\nredaction: " + new string('{', 50_000) + new string('}', 50_000) + "\n");
        var stderr = new StringWriter();
        var exit = PmSite.Cli.Program.Run(["build", "--input", temp.Combine("kb"), "--output", temp.Combine("site2"), "--theme", Repo.Theme, "--no-cache"],
            TextWriter.Null, stderr);
        Assert.Equal(1, exit);
        Assert.Contains("pmsite.yml:2", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Long_facet_values_and_colliding_severities_get_pages_of_their_own_under_file_system_limits()
    {
        using var temp = new TempFolder();
        var latin = new string('a', 256);
        var cyrillic = new string('ж', 300);
        // Not a scale PmSite recognises (those are normalised: "P 1" and "P-1" are both P1), so both names are kept.
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", severity: "Urgent A", extra: $"tags: [{latin}, {latin}b, {cyrillic}]"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", severity: "urgent-a", extra: $"tags: [{latin}c]"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var tagPages = Directory.GetDirectories(temp.Combine("site", "tags"));
        Assert.Equal(4, tagPages.Length);
        Assert.All(tagPages, p => Assert.True(System.Text.Encoding.UTF8.GetByteCount(Path.GetFileName(p)) < 255, p));
        Assert.Equal(2, Directory.GetDirectories(temp.Combine("site", "severity")).Length);
        Assert.Contains(result.Diagnostics, d => d.Code == "facet-collision" && d.Message.StartsWith("severity", StringComparison.Ordinal));
    }
}
