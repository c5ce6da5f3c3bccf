using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>A broken theme is the theme's problem: a clear message naming the template, exit code 2, the previous site kept.</summary>
public sealed class BrokenThemeTests
{
    [Theory]
    [InlineData("incident.liquid", "{% if %}", "incident.liquid")]
    [InlineData("partials/incident-card.liquid", "{{ incident.title ", "incident-card.liquid")]
    [InlineData("layout.liquid", "{% for x in %}", "layout.liquid")]
    public void A_template_that_does_not_parse_is_named_and_nothing_is_replaced(string template, string broken, string named)
    {
        using var temp = new TempFolder();
        var input = temp.Combine("kb");
        var output = temp.Combine("site");
        var theme = temp.Combine("theme");
        CopyFolder(Repo.Theme, theme);
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        Assert.Equal(0, Build(input, output, theme, new StringWriter()));
        var before = BadKnowledgeBaseTests.Snapshot(output);

        File.WriteAllText(Path.Combine(theme, template), broken);
        var stderr = new StringWriter();
        var exit = Build(input, output, theme, stderr);

        Assert.True(exit == 2, stderr.ToString());
        Assert.Contains("pmsite: theme template", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains(named, stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, BadKnowledgeBaseTests.Snapshot(output));
    }

    private static int Build(string input, string output, string theme, TextWriter stderr) =>
        PmSite.Cli.Program.Run(["build", "--input", input, "--output", output, "--theme", theme, "--now", "2026-01-31", "--no-cache"], TextWriter.Null, stderr);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
