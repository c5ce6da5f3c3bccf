using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PmSite.Markdown;

/// <summary>Extracts readable text from Markdown syntax trees: for summaries, excerpts, search and similarity.</summary>
internal static class PlainText
{
    public static string Of(IEnumerable<Block> blocks)
    {
        var sb = new StringBuilder();
        foreach (var block in blocks)
        {
            Append(block, sb);
        }

        return sb.ToString().Trim();
    }

    public static string Of(Block block)
    {
        var sb = new StringBuilder();
        Append(block, sb);
        return sb.ToString().Trim();
    }

    public static string Of(Inline? inline)
    {
        var sb = new StringBuilder();
        AppendInline(inline, sb);
        return Collapse(sb.ToString());
    }

    private static void Append(Block block, StringBuilder sb)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                AppendInline(inline, sb);
                sb.Append('\n');
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                {
                    sb.Append(line.Slice.ToString()).Append('\n');
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Append(child, sb);
                    if (child is TableCell)
                    {
                        sb.Append(' ');
                    }
                }

                break;
        }
    }

    private static void AppendInline(Inline? inline, StringBuilder sb)
    {
        for (var node = inline; node is not null; node = node.NextSibling)
        {
            switch (node)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.AsSpan());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case AutolinkInline autolink:
                    sb.Append(autolink.Url);
                    break;
                case HtmlInline or HtmlEntityInline:
                    if (node is HtmlEntityInline entity)
                    {
                        sb.Append(entity.Transcoded.AsSpan());
                    }

                    break;
                case ContainerInline container:
                    AppendInline(container.FirstChild, sb);
                    break;
            }
        }
    }

    /// <summary>Folds runs of white space to one space.</summary>
    public static string Collapse(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
