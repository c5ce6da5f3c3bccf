using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PmSite.Rendering;

/// <summary>
/// Raw HTML in a post-mortem is shown as text, never as markup, so no post-mortem can inject script into the site.
/// HTML comments (<c>&lt;!-- internal --&gt;</c>, lint switches) are dropped.
/// </summary>
internal sealed class SafeHtmlBlockRenderer : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        if (obj.Type == HtmlBlockType.Comment)
        {
            return;
        }

        renderer.Write("<pre class=\"raw-html\">");
        foreach (var line in obj.Lines.Lines.Take(obj.Lines.Count))
        {
            renderer.WriteEscape(line.Slice.ToString());
            renderer.WriteLine();
        }

        renderer.Write("</pre>");
    }
}

/// <summary>Inline raw HTML shown as text; inline comments dropped.</summary>
internal sealed class SafeHtmlInlineRenderer : HtmlObjectRenderer<HtmlInline>
{
    protected override void Write(HtmlRenderer renderer, HtmlInline obj)
    {
        if (!obj.Tag.StartsWith("<!--", StringComparison.Ordinal))
        {
            renderer.WriteEscape(obj.Tag);
        }
    }
}

internal static class SafeHtml
{
    /// <summary>Swaps Markdig's raw-HTML renderers for the escaping ones.</summary>
    public static void Install(HtmlRenderer renderer)
    {
        renderer.ObjectRenderers.Replace<HtmlBlockRenderer>(new SafeHtmlBlockRenderer());
        renderer.ObjectRenderers.Replace<HtmlInlineRenderer>(new SafeHtmlInlineRenderer());
    }
}
