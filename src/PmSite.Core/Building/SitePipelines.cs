using PmSite.Modules;
using PmSite.Pipelines;

namespace PmSite;

/// <summary>The site's pipelines and what each depends on.</summary>
public static class SitePipelines
{
    public const string Content = "Content";
    public const string Incidents = "Incidents";
    public const string Facets = "Facets";
    public const string ReadingLists = "ReadingLists";
    public const string Pages = "Pages";
    public const string Home = "Home";
    public const string Feed = "Feed";
    public const string Sitemap = "Sitemap";
    public const string Assets = "Assets";
    public const string Special = "Special";
    public const string Recurring = "Recurring";
    public const string ActionItems = "ActionItems";
    public const string Metrics = "Metrics";
    public const string Search = "Search";

    /// <summary>Every pipeline of a site build, each ending in <see cref="WriteFiles"/>.</summary>
    public static IEnumerable<Pipeline> All()
    {
        var content = new Pipeline(Content);
        content.Input.Add(new ReadPostMortems(then: new Authoring.Lint.LintPostMortems()));
        content.Process.Add(new Redaction.RedactPostMortems());
        content.Process.Add(new BuildKnowledgeBase());
        content.Process.Add(new FindRelatedIncidents());
        yield return content;

        yield return Writing(new Pipeline(Incidents).DependsOn(Content), p => p.Process.Add(new RenderIncidentPages()));
        yield return Writing(new Pipeline(Facets).DependsOn(Content), p => p.Process.Add(new RenderFacetPages()));
        yield return Writing(new Pipeline(ReadingLists).DependsOn(Content), p => p.Process.Add(new RenderReadingLists()));
        yield return Writing(new Pipeline(Pages).DependsOn(Content), p => p.Process.Add(new RenderExtraPages()));
        yield return Writing(new Pipeline(Home).DependsOn(Content, ReadingLists, Pages), p => p.Process.Add(new RenderHomePage()));
        yield return Writing(new Pipeline(ActionItems).DependsOn(Content), p => p.Process.Add(new Dashboards.RenderActionItems()));
        yield return Writing(new Pipeline(Metrics).DependsOn(Content), p => p.Process.Add(new Dashboards.RenderMetrics()));
        yield return Writing(new Pipeline(Feed).DependsOn(Content), p => p.Process.Add(new GenerateFeed()));
        yield return Writing(new Pipeline(Recurring).DependsOn(Content), p => p.Process.Add(new RenderRecurringThemes()));
        yield return Writing(new Pipeline(Assets), p => p.Input.Add(new CopyThemeAssets()));
        yield return Writing(new Pipeline(Special), p =>
        {
            p.Process.Add(new RenderSimplePage("not-found", "Page not found", "404.html", inSitemap: false));
            p.Process.Add(new AppendModule(new RenderSimplePage("search", "Search", "search/")));
        });
        var search = new Pipeline(Search).DependsOn(Content);
        search.Process.Add(new PmSite.Search.BuildSearchIndex());
        search.Output.Add(new PmSite.Search.WriteIndexFiles());
        yield return search;
        yield return Writing(new Pipeline(Sitemap), p => p.PostProcess.Add(new GenerateSitemap()));
    }

    private static Pipeline Writing(Pipeline pipeline, Action<Pipeline> configure)
    {
        configure(pipeline);
        pipeline.Output.Add(new WriteFiles());
        return pipeline;
    }
}
