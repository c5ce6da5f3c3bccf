using System.Collections.Immutable;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>A page with no data of its own (404, search), rendered from its template.</summary>
public sealed class RenderSimplePage(string template, string title, string path, bool inSitemap = true) : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var site = context.Get<SiteRenderer>();
        var page = site.Views.Page(title, path, template);
        var document = site.Page(template, page, new { });
        if (!inSitemap)
        {
            document = document with { Metadata = document.Metadata.Remove(SiteRenderer.SitemapEntry) };
        }

        return Task.FromResult(ImmutableArray.Create(document));
    }
}
