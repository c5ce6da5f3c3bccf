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
/// "(missing link)" or "(missing image)". Other links render as Markdig renders them.
/// </summary>
internal sealed class MissingLinkRenderer(Func<string, string?> resolveLink) : LinkInlineRenderer
{
    public static void Install(HtmlRenderer renderer, Func<string, string?> resolveLink) =>
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new MissingLinkRenderer(resolveLink));

    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        if (link.Url is not { } url || MissingLink.ReasonOf(resolveLink(url)) is not { } reason)
        {
            base.Write(renderer, link);
            return;
        }

        renderer.Write("<span class=\"link-missing\" title=\"").WriteEscape(reason).Write("\">");
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

        renderer.Write("<span class=\"visually-hidden\"> (").Write(link.IsImage ? "missing image" : "missing link").Write(")</span></span>");
    }
}
