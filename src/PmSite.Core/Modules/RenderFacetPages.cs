using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>A page per tag, service, severity and year, and an index page for each facet.</summary>
public sealed class RenderFacetPages : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var facets = new (string Kind, string Title, string Singular, IReadOnlyList<FacetValue> Values, Func<string, string> Path)[]
        {
            ("tags", "Tags", "Tag", knowledgeBase.Tags, SiteUrls.TagPath),
            ("services", "Services", "Service", knowledgeBase.Services, SiteUrls.ServicePath),
            ("severity", "Severity", "Severity", knowledgeBase.Severities, slug => $"severity/{slug}/"),
            ("years", "Years", "Year", knowledgeBase.Years, slug => $"years/{slug}/"),
        };

        var work = facets.SelectMany(f => f.Values.Select(v => (Facet: f, Value: (FacetValue?)v)).Prepend((f, null))).ToList();
        var pages = new Document[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { CancellationToken = context.CancellationToken }, i =>
        {
            var (facet, value) = work[i];
            if (value is null)
            {
                var links = facet.Values.Select(v => site.Views.Facet(v, facet.Path)).ToList();
                var page = site.Views.Page(facet.Title, facet.Kind + "/", "facet-index", $"Post-mortems by {facet.Singular.ToLowerInvariant()}.");
                pages[i] = site.Page("facet-index", page, new { Kind = facet.Kind, Title = facet.Title, Values = links });
            }
            else
            {
                var path = facet.Path(value.Slug);
                var incidents = site.Views.Summaries(value.PostMortems);
                var title = $"{facet.Singular}: {value.Name}";
                var page = site.Views.Page(title, path, "facet", $"{value.PostMortems.Count} post-mortems with {facet.Singular.ToLowerInvariant()} {value.Name}.");
                pages[i] = site.Page("facet", page, new FacetView(facet.Kind, facet.Title, value.Name, site.Urls.Link(facet.Kind + "/"), incidents));
            }
        });

        return Task.FromResult(pages.ToImmutableArray());
    }
}
