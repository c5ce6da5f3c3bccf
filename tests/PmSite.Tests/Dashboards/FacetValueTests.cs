using System.Net.Http;
using System.Text.RegularExpressions;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Dashboards;

/// <summary>
/// Tags, services and severities in any script keep their names, each value on a page of its own: a slug keeps the letters
/// of every script (percent-encoded in URLs), and two values that would share a slug get distinct ones, with a warning.
/// </summary>
public sealed partial class FacetValueTests
{
    [Theory]
    [InlineData("database", "database")]
    [InlineData("Connection Pool", "connection-pool")]
    [InlineData("база", "база")]
    [InlineData("сеть", "сеть")]
    [InlineData("東京-api", "東京-api")]
    [InlineData("Café", "café")]
    [InlineData("Cafe\u0301", "cafe\u0301")] // decomposed input stays decomposed: no composition table is kept by hand
    [InlineData("../../escape", "escape")]
    [InlineData("a/../../b", "a-b")]
    [InlineData("C#", "c")]
    [InlineData("𠀋-db", "𠀋-db")] // a letter outside the basic plane
    [InlineData("!!!", "untitled")]
    public void A_facet_slug_keeps_letters_and_digits_of_every_script(string name, string slug) =>
        Assert.Equal(slug, Slug.OfFacet(name));

    [Fact]
    public void A_facet_slug_stays_short_enough_for_a_folder_name()
    {
        var slug = Slug.OfFacet(string.Concat(Enumerable.Repeat("東京", 200)));

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(slug) <= 120, slug);
        Assert.StartsWith("東京東京", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  Database  ", "database")]
    [InlineData("Connection   Pool", "connection pool")]
    [InlineData("База", "база")]
    public void A_facet_value_is_its_name_trimmed_in_one_case_and_form(string written, string value) =>
        Assert.Equal(value, FacetName.Of(written));

    [Fact]
    public async Task Tags_and_services_in_other_scripts_keep_their_names_and_pages()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", extra: "tags: [база, Café]\nservices: [東京-api]"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", extra: "tags: [сеть]\nservices: [payment-api]"));
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("Tag: база", Heading(output, "tags/база/index.html"));
        Assert.Equal("Tag: сеть", Heading(output, "tags/сеть/index.html"));
        Assert.Equal("Tag: café", Heading(output, "tags/café/index.html"));
        Assert.Equal("Service: 東京-api", Heading(output, "services/東京-api/index.html"));
        Assert.False(Directory.Exists(Path.Combine(output, "tags", "untitled")));
        var incident = Read(output, "incidents/inc-1/index.html");
        Assert.Contains("href=\"/tags/%D0%B1%D0%B0%D0%B7%D0%B0/\"", incident, StringComparison.Ordinal);
        Assert.Contains("href=\"/services/%E6%9D%B1%E4%BA%AC-api/\"", incident, StringComparison.Ordinal);
        Assert.Contains("<loc>https://example.com/tags/%D0%B1%D0%B0%D0%B7%D0%B0/</loc>", Read(output, "sitemap.xml"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_facet_link_of_the_site_is_served_by_a_static_host()
    {
        using var temp = new TempFolder();
        temp.Write("kb/pmsite.yml", "title: Test\nseverities: [Критично, Высокий]\n");
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", severity: "Критично", extra: "tags: [база, C#]\nservices: [東京-api]"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", severity: "Высокий", extra: "tags: [сеть, C]\nservices: [東京 api]"));
        var output = temp.Combine("site");
        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), output);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));

        var hrefs = Directory.GetFiles(output, "*.html", SearchOption.AllDirectories)
            .SelectMany(f => Href().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(h => h.StartsWith("/tags/", StringComparison.Ordinal) || h.StartsWith("/services/", StringComparison.Ordinal) || h.StartsWith("/severity/", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        using var server = new StaticServer(output);
        using var http = new HttpClient();
        foreach (var href in hrefs)
        {
            Assert.DoesNotMatch("[^\\x21-\\x7e]", href); // percent-encoded, as a browser sends it
            var response = await http.GetAsync(new Uri(new Uri(server.BaseUrl), href.Replace("&amp;", "&", StringComparison.Ordinal)));
            Assert.True(response.IsSuccessStatusCode, href);
        }

        Assert.Contains("/severity/%D0%BA%D1%80%D0%B8%D1%82%D0%B8%D1%87%D0%BD%D0%BE/", hrefs);
        Assert.Contains("/severity/%D0%B2%D1%8B%D1%81%D0%BE%D0%BA%D0%B8%D0%B9/", hrefs);
    }

    [Fact]
    public async Task Two_values_that_would_share_a_slug_get_pages_of_their_own_and_a_warning()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", extra: "tags: [C#, P 1, Database]"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", extra: "tags: [C, P-1, database]"));
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal("Tag: c", Heading(output, "tags/c/index.html"));
        Assert.Equal("Tag: c#", Heading(output, "tags/c-2/index.html"));
        // The value that is its own slug keeps it; the other gets a suffix.
        Assert.Equal("Tag: p-1", Heading(output, "tags/p-1/index.html"));
        Assert.Equal("Tag: p 1", Heading(output, "tags/p-1-2/index.html"));
        // Values equal but for case are one value, on one page, without a warning.
        Assert.Contains("2 post-mortems", Read(output, "tags/database/index.html"), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "tags", "database-2")));
        var warnings = result.Diagnostics.Where(d => d.Code == "facet-collision").ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(DiagnosticLevel.Warning, w.Level));
        var sharp = Assert.Single(warnings, w => w.Message.Contains("'c#'", StringComparison.Ordinal));
        Assert.Contains("'c'", sharp.Message, StringComparison.Ordinal);
        Assert.Contains("tags/c-2/", sharp.Message, StringComparison.Ordinal);
        Assert.Equal("post-mortems/inc-1.md", sharp.File);
        Assert.Equal(7, sharp.Line);
        Assert.Contains("href=\"/tags/c-2/\"", Read(output, "incidents/inc-1/index.html"), StringComparison.Ordinal);
        Assert.Contains("href=\"/tags/c/\"", Read(output, "incidents/inc-2/index.html"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_with_facets_in_other_scripts_is_the_same_bytes_on_every_build()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", extra: "tags: [база, C#, P 1]\nservices: [東京-api]"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", extra: "tags: [сеть, C, P-1]\nservices: [東京 api]"));

        var first = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("one"));
        var second = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("two"));

        Assert.True(first.Succeeded && second.Succeeded);
        Assert.Equal(Building.BadKnowledgeBaseTests.Snapshot(temp.Combine("one")), Building.BadKnowledgeBaseTests.Snapshot(temp.Combine("two")));
    }

    private static string Read(string output, string path) => File.ReadAllText(Path.Combine(output, path));

    /// <summary>The page's heading as a reader sees it (the theme writes letters outside ASCII as character references).</summary>
    private static string Heading(string output, string path) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(Read(output, path)).QuerySelector("h1")!.TextContent;

    [GeneratedRegex("href=\"(/[^\"]*)\"")]
    private static partial Regex Href();
}
