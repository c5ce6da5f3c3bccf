using PmSite.Authoring;
using PmSite.Authoring.Lint;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Authoring;

public sealed class NewCommandTests
{
    private static readonly DateOnly s_date = new(2026, 11, 27);

    [Theory]
    [InlineData(new string[0], "INC-0001")]
    [InlineData(new[] { "INC-1001", "INC-1014", "INC-1003" }, "INC-1015")]
    [InlineData(new[] { "INC-0007", "INC-0042" }, "INC-0043")]
    [InlineData(new[] { "INC-0999" }, "INC-1000")]
    [InlineData(new[] { "INC-12", "OTHER-99", "inc-20" }, "INC-21")]
    public void The_next_id_follows_the_highest_with_the_same_prefix_and_padding(string[] ids, string expected)
    {
        using var temp = new TempFolder();
        foreach (var id in ids)
        {
            temp.Write($"post-mortems/{id}.md", SiteFixture.PostMortem(id));
        }

        Assert.Equal(expected, NewPostMortem.NextId(new InputFolder(temp.Path), new SiteSettings()));
    }

    [Fact]
    public void Ids_in_file_names_count_too_and_the_prefix_comes_from_pmsite_yml()
    {
        using var temp = new TempFolder();
        temp.Write("pmsite.yml", "id_prefix: PM-\n");
        temp.Write("post-mortems/PM-004-first.md", SiteFixture.PostMortem("PM-004"));
        temp.Write("post-mortems/PM-009-broken.md", "---\nid: [unclosed\n---\n");
        var settings = SettingsReader.Read(temp.Path, new DiagnosticBag());

        Assert.Equal("PM-010", NewPostMortem.NextId(new InputFolder(temp.Path), settings));
    }

    [Fact]
    public void Writes_the_next_post_mortem_into_the_year_folder_and_prints_its_path()
    {
        using var temp = new TempFolder();
        CopySample(temp.Combine("kb"));
        var stdout = new StringWriter();

        var exit = Cli.Program.Run(["new", "Checkout failed: tax endpoint unreachable", "--severity", "sev2", "--service", "checkout-api",
            "--date", "2026-11-27", "--input", temp.Combine("kb")], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var path = stdout.ToString().Trim();
        Assert.Equal(temp.Combine("kb", "post-mortems", "2026", "INC-1015-checkout-failed-tax-endpoint-unreachable.md"), path);
        var text = File.ReadAllText(path);
        Assert.Contains("id: INC-1015\n", text, StringComparison.Ordinal);
        Assert.Contains("severity: SEV2\n", text, StringComparison.Ordinal);
        Assert.Contains("status: Draft\n", text, StringComparison.Ordinal);
        Assert.Contains("date: 2026-11-27\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Checkout failed: tax \"endpoint\" unreachable")]
    [InlineData("#1 cause — a café's DNS & 50% of traffic")]
    [InlineData("- [x] weird: title")]
    public void The_generated_file_parses_cleanly_and_lint_only_asks_to_fill_it_in(string title)
    {
        var text = NewPostMortem.Render("INC-1015", title, s_date, "SEV2", ["checkout-api"]);
        var diagnostics = new DiagnosticBag();

        var postMortem = PostMortemParser.Parse("post-mortems/INC-1015.md", text, new SiteSettings(), diagnostics);

        Assert.NotNull(postMortem);
        Assert.Empty(diagnostics.Sorted());
        Assert.Equal((title, "INC-1015", "Draft", "SEV2"), (postMortem.Title, postMortem.Id, postMortem.Status, postMortem.Severity));
        Assert.Equal(s_date, postMortem.Date);
        Assert.Equal(NewPostMortem.Sections.Select(s => s.Heading), postMortem.Sections.Select(s => s.Heading));
        Assert.DoesNotContain(postMortem.Sections, s => s.Kind == SectionKind.Other);

        var findings = Linter.Lint(postMortem, text, new SiteSettings());
        Assert.All(findings, f => Assert.StartsWith("fill this in: ", f.Message, StringComparison.Ordinal));
        Assert.Equal(NewPostMortem.Sections.Count, findings.Count(f => f.Rule == "template-prompt"));
        Assert.Equal(["action-item-count", "required-fields", "template-prompt"], findings.Select(f => f.Rule).Distinct().Order());
    }

    [Fact]
    public async Task A_knowledge_base_with_a_new_post_mortem_still_builds()
    {
        using var temp = new TempFolder();
        CopySample(temp.Combine("kb"));
        Cli.Program.Run(["new", "Search latency doubled", "--input", temp.Combine("kb"), "--date", "2026-11-27"], new StringWriter(), new StringWriter());

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(File.Exists(temp.Combine("site", "incidents", "inc-1015", "index.html")));
    }

    [Fact]
    public void Refuses_to_overwrite_an_existing_file()
    {
        using var temp = new TempFolder();
        // A file whose name says "template" is not a post-mortem, so its id is not taken; its name still collides.
        temp.Write("post-mortems/INC-0001-template-review.md", "keep me");
        var stderr = new StringWriter();

        var exit = Cli.Program.Run(["new", "Template review", "--input", temp.Path], new StringWriter(), stderr);

        Assert.Equal(1, exit);
        Assert.Contains("already exists; not overwriting it", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("keep me", File.ReadAllText(temp.Combine("post-mortems", "INC-0001-template-review.md")));
    }

    [Fact]
    public void An_unknown_severity_is_a_usage_error_listing_the_allowed_ones()
    {
        using var temp = new TempFolder();
        temp.Write("pmsite.yml", "severities: [P1, P2]\n");
        var stderr = new StringWriter();

        var exit = Cli.Program.Run(["new", "Disk full", "--severity", "SEV2", "--input", temp.Path], new StringWriter(), stderr);

        Assert.Equal(2, exit);
        Assert.Contains("is not one of P1, P2", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("post-mortems")));
    }

    [Theory]
    [InlineData(false, "post-mortems/INC-0002-disk-full.md")]
    [InlineData(true, "INC-0002-disk-full.md")]
    public void A_flat_folder_keeps_its_layout(bool plainFolder, string expected)
    {
        using var temp = new TempFolder();
        temp.Write(plainFolder ? "INC-0001-old.md" : "post-mortems/INC-0001-old.md", SiteFixture.PostMortem("INC-0001"));
        var input = new InputFolder(temp.Path);

        Assert.Equal(expected, NewPostMortem.PathFor(input, NewPostMortem.NextId(input, new SiteSettings()), "Disk full", s_date));
    }

    private static void CopySample(string target)
    {
        foreach (var path in Directory.EnumerateFiles(Repo.SampleInput, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Repo.SampleInput, path));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(path, destination);
        }
    }
}
