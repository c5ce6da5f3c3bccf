using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Dashboards;

/// <summary>
/// "This day in incident history" and the facet orders. Built with <c>--now 2026-01-31</c>, a Saturday of ISO week 5
/// of 2026 (26 January – 1 February).
/// </summary>
public sealed class HomeAndFacetTests(HomeAndFacetTests.Site site) : IClassFixture<HomeAndFacetTests.Site>
{
    public sealed class Site : IAsyncLifetime
    {
        private readonly TempFolder _temp = new();

        public string Output => _temp.Combine("site");

        public async Task InitializeAsync()
        {
            void Write(string id, string date, string severity, string tags) =>
                _temp.Write($"kb/post-mortems/{id.ToLowerInvariant()}.md", SiteFixture.PostMortem(id, $"Incident {id}", date, severity, $"tags: [{tags}]"));

            _temp.Write("kb/pmsite.yml", "title: Test\n");
            Write("INC-1", "2025-01-27", "SEV3", "database");     // ISO 2025 week 5 (Monday): one year ago
            Write("INC-2", "2024-02-04", "SEV1", "database");     // ISO 2024 week 5 (Sunday): two years ago
            Write("INC-3", "2025-02-03", "SEV2", "database");     // ISO 2025 week 6: no
            Write("INC-4", "2026-01-27", "SEV2", "database, dns"); // this year: no
            Write("INC-5", "2021-01-31", "SEV2", "dns, alerting");         // 31 January, but ISO 2021 week 4: no
            var result = await SiteFixture.BuildAsync(_temp.Combine("kb"), Output, new DateOnly(2026, 1, 31));
            Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        }

        public Task DisposeAsync()
        {
            _temp.Dispose();
            return Task.CompletedTask;
        }
    }

    private IDocument Load(string path) => new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(site.Output, path)));

    private static string[] Ids(IDocument page, string selector) =>
        page.QuerySelectorAll($"{selector} [data-incident-id]").Select(e => e.GetAttribute("data-incident-id")!).ToArray();

    [Fact]
    public void The_home_page_shows_incidents_of_the_same_iso_week_in_earlier_years()
    {
        var home = Load("index.html");

        Assert.Equal(["INC-1", "INC-2"], Ids(home, "#this-day-in-history"));
        Assert.Equal(["1 year ago", "2 years ago"], home.QuerySelectorAll("#this-day-in-history .years-ago").Select(e => e.TextContent));
    }

    [Fact]
    public void A_facet_page_lists_newest_first_and_its_second_page_most_severe_first()
    {
        var newest = Load("tags/database/index.html");
        var severe = Load("tags/database/by-severity.html");

        Assert.Equal(["INC-4", "INC-3", "INC-1", "INC-2"], Ids(newest, ".incident-list"));
        Assert.Equal(["INC-2", "INC-4", "INC-3", "INC-1"], Ids(severe, ".incident-list"));
        Assert.Equal("/tags/database/", newest.QuerySelector(".sort-nav a[aria-current='page']")!.GetAttribute("href"));
        Assert.Equal("/tags/database/by-severity.html", severe.QuerySelector(".sort-nav a[aria-current='page']")!.GetAttribute("href"));
        Assert.Equal(newest.QuerySelector("link[rel='canonical']")!.GetAttribute("href"), severe.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
        Assert.Equal(["SEV1 1", "SEV2 2", "SEV3 1"], newest.QuerySelectorAll(".severity-mix .chip").Select(c => string.Join(' ', c.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public void A_facet_index_lists_by_name_and_its_second_page_by_count()
    {
        string[] Names(IDocument page) => page.QuerySelectorAll(".facet-index a").Select(a => a.TextContent).ToArray();

        Assert.Equal(["alerting", "database", "dns"], Names(Load("tags/index.html")));
        Assert.Equal(["database", "dns", "alerting"], Names(Load("tags/by-count.html")));
        Assert.Equal(["2026", "2025", "2024", "2021"], Names(Load("years/index.html")));
        Assert.Equal(["2025", "2026", "2024", "2021"], Names(Load("years/by-count.html"))); // ties keep the default order
    }

    [Theory]
    [InlineData("index.html", "Test")]
    [InlineData("tags/database/index.html", "Tag: database")]
    [InlineData("tags/index.html", "Tags")]
    [InlineData("action-items/index.html", "Action items")]
    [InlineData("metrics/index.html", "Metrics")]
    public void Page_templates_see_the_page_for_their_heading_and_home_link(string path, string heading)
    {
        // Regression: page templates read page.title and page.site.base_path, which were empty in the body.
        var page = Load(path);

        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent);
        Assert.All(page.QuerySelectorAll("main .breadcrumb a:first-child"), a => Assert.Equal("/", a.GetAttribute("href")));
    }

    [Fact]
    public void The_second_orders_stay_out_of_the_sitemap()
    {
        var sitemap = File.ReadAllText(Path.Combine(site.Output, "sitemap.xml"));

        Assert.Contains("/tags/database/</loc>", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("by-severity", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("by-count", sitemap, StringComparison.Ordinal);
    }
}
