using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>A real team's folder of plain Markdown post-mortems, read as it is.</summary>
public sealed class RealCorpusTests
{
    [CorpusFact("dfds")]
    public async Task Every_dfds_post_mortem_is_rendered_with_id_title_and_date_inferred()
    {
        var corpus = Repo.Corpus("dfds");
        using var temp = new TempFolder();
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(corpus, output);

        var postMortemFiles = Directory.GetFiles(corpus, "PM2*").Select(Path.GetFileName).ToList();
        Assert.Equal(39, postMortemFiles.Count);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(postMortemFiles.Count, result.PostMortems);
        foreach (var file in postMortemFiles)
        {
            var id = file!.Split(' ')[0];
            var page = Path.Combine(output, "incidents", id.ToLowerInvariant(), "index.html");
            Assert.True(File.Exists(page), $"{file} has no page");
            var html = await File.ReadAllTextAsync(page);
            Assert.Contains($"data-incident-id=\"{id}\"", html, StringComparison.Ordinal);
        }

        // Titles come from the first heading; dates from the timeline.
        var starvation = await File.ReadAllTextAsync(Path.Combine(output, "incidents", "pm2019-009", "index.html"));
        Assert.Contains("<h1>Kubernetes network infrastructure IP starvation</h1>", starvation, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2019-11-29\">", starvation, StringComparison.Ordinal);
        Assert.Contains("class=\"timeline\"", starvation, StringComparison.Ordinal);

        // Only what truly cannot be inferred is reported, once a file: severity and status everywhere, and the one
        // date that no file name, timeline ("20202-01-16") or text gives.
        // Lint's advice on how the post-mortems are written is another matter, left out here.
        var warnings = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Warning && !PmSite.Authoring.Lint.Linter.RuleNames.Contains(d.Code)).ToList();
        Assert.All(warnings, w => Assert.Equal("unspecified", w.Code));
        Assert.Equal(postMortemFiles.Count, warnings.Count);
        var dateWarning = Assert.Single(warnings, d => d.Message.StartsWith("date", StringComparison.Ordinal));
        Assert.StartsWith("PM2020-003", dateWarning.File, StringComparison.Ordinal);
        Assert.Contains("only the year 2020", dateWarning.Message, StringComparison.Ordinal);

        // The README, licence and template are skipped with a note, not reported as broken.
        Assert.Equal(3, result.Diagnostics.Count(d => d is { Level: DiagnosticLevel.Note, Code: "skipped" }));
    }
}
