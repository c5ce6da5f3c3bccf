using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

public sealed class SampleSiteTests
{
    [Fact]
    public async Task The_sample_knowledge_base_builds_without_errors_or_warnings()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(Repo.SampleInput, output);

        // Lint findings are warnings by design; the sample's one (a late publication) is checked by the lint tests.
        Assert.DoesNotContain(result.Diagnostics, d => d.Level != PmSite.Diagnostics.DiagnosticLevel.Note && !PmSite.Authoring.Lint.Linter.RuleNames.Contains(d.Code));
        Assert.True(result.PostMortems >= 12);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "incidents", "inc-1003", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "feed.xml")));
        Assert.True(File.Exists(Path.Combine(output, "sitemap.xml")));
        Assert.True(File.Exists(Path.Combine(output, "404.html")));
        foreach (var facet in new[] { "tags", "services", "severity", "years", "reading-lists" })
        {
            Assert.True(File.Exists(Path.Combine(output, facet, "index.html")), facet);
        }
    }
}
