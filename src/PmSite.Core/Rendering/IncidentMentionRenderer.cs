using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;
using PmSite.Parsing;

namespace PmSite.Rendering;

/// <summary>
/// Renders text with every mention of a known incident id ("see INC-1003") as a link to its page.
/// Text already inside a link is left alone, and so is the page's own id.
/// </summary>
internal sealed class IncidentMentionRenderer(Func<string, string?> incidentUrl) : HtmlObjectRenderer<LiteralInline>
{
    // The text is matched where it lies in the source: no string per literal, only one per mention found.
    protected override void Write(HtmlRenderer renderer, LiteralInline obj)
    {
        var text = obj.Content.AsSpan();
        if (!renderer.EnableHtmlForInline || InsideLink(obj))
        {
            renderer.WriteEscape(text);
            return;
        }

        var last = 0;
        foreach (var match in IncidentMentions.Candidate().EnumerateMatches(text))
        {
            var id = text.Slice(match.Index, match.Length).ToString();
            if (incidentUrl(id) is not { } url)
            {
                continue;
            }

            renderer.WriteEscape(text[last..match.Index]);
            renderer.Write("<a class=\"incident-mention\" href=\"").WriteEscapeUrl(url).Write("\" data-incident-id=\"")
                .WriteEscape(id).Write("\">").WriteEscape(id).Write("</a>");
            last = match.Index + match.Length;
        }

        renderer.WriteEscape(text[last..]);
    }

    private static bool InsideLink(Inline inline)
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is LinkInline)
            {
                return true;
            }
        }

        return false;
    }

    public static void Install(HtmlRenderer renderer, Func<string, string?> incidentUrl) =>
        renderer.ObjectRenderers.Replace<LiteralInlineRenderer>(new IncidentMentionRenderer(incidentUrl));
}
