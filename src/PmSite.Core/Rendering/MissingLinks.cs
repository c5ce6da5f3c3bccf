using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace PmSite.Rendering;

/// <summary>
/// A link whose target is missing or outside the input folder, as the link resolver marks it: in place of a URL, a mark and
/// the reason, so the reason travels with the resolved links (and the page's cache key) and no URL can be taken for it.
/// </summary>
internal static class MissingLink
{
    private const char Mark = '\0';

    public static string Of(string reason) => Mark + reason;

    /// <summary>The reason a resolved link is missing; null for a real URL.</summary>
    public static string? ReasonOf(string? resolved) => resolved is [Mark, ..] ? resolved[1..] : null;
}

/// <summary>
/// Renders a link or image to a missing target as inert text marked as missing: the link's text, or the image's alt
/// text, in <c>&lt;span class="link-missing"&gt;</c> with the reason as its title and, for screen readers, the words
/// "(missing link)" or "(missing image)". A link or image whose URL, once resolved, the <see cref="UrlPolicy"/> does not
/// allow is inert text too (<c>link-unsafe</c>). Other links render as Markdig renders them.
/// </summary>
internal sealed class MissingLinkRenderer(Func<string, string?> resolveLink) : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        var url = link.GetDynamicUrl?.Invoke() ?? link.Url ?? "";
        var resolved = resolveLink(url);
        if (MissingLink.ReasonOf(resolved) is { } reason)
        {
            WriteInert(renderer, link, "link-missing", reason, link.IsImage ? "missing image" : "missing link");
        }
        else if (!UrlPolicy.IsAllowed(resolved ?? url))
        {
            WriteInert(renderer, link, "link-unsafe", UrlPolicy.Refusal, link.IsImage ? "image not shown" : "not a link");
        }
        else
        {
            base.Write(renderer, link);
        }
    }

    private static void WriteInert(HtmlRenderer renderer, LinkInline link, string cssClass, string title, string spoken)
    {
        renderer.Write("<span class=\"").Write(cssClass).Write("\" title=\"").WriteEscape(title).Write("\">");
        if (link.IsImage)
        {
            // Alt text is plain text, as Markdig writes it in an alt attribute.
            var html = renderer.EnableHtmlForInline;
            renderer.EnableHtmlForInline = false;
            renderer.WriteChildren(link);
            renderer.EnableHtmlForInline = html;
        }
        else
        {
            renderer.WriteChildren(link);
        }

        renderer.Write("<span class=\"visually-hidden\"> (").Write(spoken).Write(")</span></span>");
    }
}

/// <summary>An autolink (<c>&lt;scheme:…&gt;</c>) the <see cref="UrlPolicy"/> does not allow is its text, not a link.</summary>
internal sealed class SafeAutolinkRenderer : AutolinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, AutolinkInline link)
    {
        if (link.IsEmail || UrlPolicy.IsAllowed(link.Url))
        {
            base.Write(renderer, link);
            return;
        }

        renderer.Write("<span class=\"link-unsafe\" title=\"").WriteEscape(UrlPolicy.Refusal).Write("\">").WriteEscape(link.Url).Write("</span>");
    }
}

/// <summary>How content's links are written, for every renderer of post-mortems and pages.</summary>
internal static class ContentLinks
{
    /// <summary>
    /// Installs raw HTML as text (<see cref="SafeHtml"/>), links resolved by <paramref name="resolveLink"/> (missing ones
    /// inert), and the <see cref="UrlPolicy"/> on links, images and autolinks. Every other URL Markdig writes passes the
    /// policy too, through the renderer's link rewriter: one not allowed becomes "#".
    /// </summary>
    public static void Install(HtmlRenderer renderer, Func<string, string?> resolveLink)
    {
        SafeHtml.Install(renderer);
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new MissingLinkRenderer(resolveLink));
        renderer.ObjectRenderers.Replace<AutolinkInlineRenderer>(new SafeAutolinkRenderer());
        renderer.LinkRewriter = url =>
        {
            var resolved = resolveLink(url) is { } found && MissingLink.ReasonOf(found) is null ? found : url;
            return UrlPolicy.IsAllowed(resolved) ? resolved : "#";
        };
    }
}
