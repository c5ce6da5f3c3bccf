using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace PmSite.Rendering;

/// <summary>
/// Writes a body's headings one level down when the body has level-1 headings of its own ("# Summary" in a folder that
/// writes its sections so): the page's title is its only <c>&lt;h1&gt;</c>, and the outline readers and screen readers
/// follow stays in order.
/// </summary>
internal sealed class BodyHeadingRenderer(int shift) : HtmlObjectRenderer<HeadingBlock>
{
    protected override void Write(HtmlRenderer renderer, HeadingBlock obj)
    {
        var level = Math.Min(obj.Level + shift, 6).ToString(System.Globalization.CultureInfo.InvariantCulture);
        renderer.Write("<h").Write(level).WriteAttributes(obj).Write('>');
        renderer.WriteLeafInline(obj);
        renderer.Write("</h").Write(level).WriteLine(">");
    }

    /// <summary>Installs the renderer when <paramref name="tree"/> has a level-1 heading; else Markdig's own stays.</summary>
    public static void Install(HtmlRenderer renderer, MarkdownDocument tree)
    {
        if (tree.Any(b => b is HeadingBlock { Level: 1 }))
        {
            renderer.ObjectRenderers.Replace<HeadingRenderer>(new BodyHeadingRenderer(1));
        }
    }
}
