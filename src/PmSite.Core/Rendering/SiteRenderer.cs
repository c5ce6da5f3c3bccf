using PmSite.Incremental;
using PmSite.Model;
using PmSite.Pipelines;

namespace PmSite.Rendering;

/// <summary>The theme, URLs and views of one build, shared by every page module.</summary>
public sealed class SiteRenderer(Theme theme, ViewFactory views, SiteSettings settings, PageCache? cache = null)
{
    public Theme Theme => theme;

    public ViewFactory Views => views;

    public SiteUrls Urls => views.Urls;

    public SiteSettings Settings => settings;

    /// <summary>The incremental build's page cache, when the build has one.</summary>
    public PageCache? Cache => cache;

    /// <summary>Renders a page template inside the layout and returns it as a document at the page's path.</summary>
    public Document Page(string template, PageView page, object model) =>
        Page(template, page, cache?.KeyOf(template, page, model), () => model);

    /// <summary>
    /// A page whose cache key the caller computed from the page's inputs, so that the model (and what it costs to
    /// build) is only made when the page must be rendered: an unchanged page is taken from the previous output.
    /// </summary>
    public Document Page(string template, PageView page, string? key, Func<object> model)
    {
        // Rendered when written (see Document.Write), so the model is made then too.
        var document = File(SiteUrls.FileOf(page.Path), key, output => theme.RenderPage(template, model(), page, output));
        if (document.Write is not null)
        {
            cache?.Rendered();
        }

        return document.With(SitemapEntry, page.Path);
    }

    /// <summary>
    /// A file written by <paramref name="write"/>, or taken from the previous output when it was made from the same
    /// <paramref name="key"/>. Not listed in the sitemap unless it is a <see cref="Page(string, PageView, string?, Func{object})"/>.
    /// </summary>
    public Document File(string destination, string? key, Action<Stream> write)
    {
        if (key is not null && cache?.Reuse(destination, key) is { } reused)
        {
            // Unchanged since the previous build: the previous file is carried over, not made again.
            return new Document { Destination = destination, CopyFrom = reused.SourceFile }.With(PageCache.MetadataKey, reused);
        }

        var document = new Document { Destination = destination, Write = write };
        return key is null ? document : document.With(PageCache.MetadataKey, new RenderedPage(key, write, null));
    }

    /// <summary>Metadata key of the site path a page lists in the sitemap.</summary>
    public const string SitemapEntry = "SitemapPath";
}
