using PmSite.Model;
using PmSite.Pipelines;

namespace PmSite.Rendering;

/// <summary>The theme, URLs and views of one build, shared by every page module.</summary>
public sealed class SiteRenderer(Theme theme, ViewFactory views, SiteSettings settings)
{
    public Theme Theme => theme;

    public ViewFactory Views => views;

    public SiteUrls Urls => views.Urls;

    public SiteSettings Settings => settings;

    /// <summary>Renders a page template inside the layout and returns it as a document at the page's path.</summary>
    public Document Page(string template, PageView page, object model) =>
        new()
        {
            Destination = SiteUrls.FileOf(page.Path),
            Content = theme.RenderPage(template, model, page),
            Metadata = System.Collections.Immutable.ImmutableDictionary<string, object>.Empty.Add(SitemapEntry, page.Path),
        };

    /// <summary>Metadata key of the site path a page lists in the sitemap.</summary>
    public const string SitemapEntry = "SitemapPath";
}
