using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

public sealed class DeterminismTests
{
    [Fact]
    public async Task The_same_input_gives_byte_identical_output()
    {
        using var temp = new TempFolder();
        var first = await SiteFixture.BuildAsync(Repo.SampleInput, temp.Combine("a"));
        var second = await SiteFixture.BuildAsync(Repo.SampleInput, temp.Combine("b"));

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(BadKnowledgeBaseTests.Snapshot(temp.Combine("a")), BadKnowledgeBaseTests.Snapshot(temp.Combine("b")));
    }

    [Fact]
    public async Task A_base_url_with_a_path_prefixes_every_link()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");

        await SiteFixture.BuildAsync(Repo.SampleInput, output, baseUrl: "https://example.org/library/");

        var home = await File.ReadAllTextAsync(Path.Combine(output, "index.html"));
        Assert.Contains("href=\"/library/incidents/inc-1014/\"", home, StringComparison.Ordinal);
        Assert.Contains("href=\"/library/assets/site.css\"", home, StringComparison.Ordinal);
        var sitemap = await File.ReadAllTextAsync(Path.Combine(output, "sitemap.xml"));
        Assert.Contains("<loc>https://example.org/library/incidents/inc-1001/</loc>", sitemap, StringComparison.Ordinal);
    }
}
