using System.Buffers;
using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PmSite.Markdown;

/// <summary>Extracts readable text from Markdown syntax trees: for summaries, excerpts, search and similarity.</summary>
internal static class PlainText
{
    // Every section, cell and heading of every post-mortem goes through here: one builder per thread, not one per call.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    public static string Of(IEnumerable<Block> blocks)
    {
        var sb = Rent();
        foreach (var block in blocks)
        {
            Append(block, sb);
        }

        return Trimmed(sb);
    }

    public static string Of(Block block)
    {
        var sb = Rent();
        Append(block, sb);
        return Trimmed(sb);
    }

    public static string Of(Inline? inline)
    {
        var sb = Rent();
        AppendInline(inline, sb);
        return Collapsed(sb);
    }

    /// <summary>
    /// The text of a block with runs of white space folded to one space: <c>Collapse(Of(block))</c> without the copy between.
    /// With <paramref name="html"/>, inline HTML is kept as the text it was written as ("a &lt;b&gt;bold&lt;/b&gt; move"), for
    /// text shown to readers in place of the Markdown, as the body shows raw HTML; otherwise it is left out.
    /// </summary>
    public static string CollapsedOf(Block block, bool html = false)
    {
        var sb = Rent();
        Append(block, sb, html);
        return Collapsed(sb);
    }

    private static void Append(Block block, StringBuilder sb, bool html = false)
    {
        switch (block)
        {
            case LeafBlock { Inline: { } inline }:
                AppendInline(inline, sb, html);
                sb.Append('\n');
                break;
            case CodeBlock code:
                for (var i = 0; i < code.Lines.Count; i++)
                {
                    sb.Append(code.Lines.Lines[i].Slice.AsSpan()).Append('\n');
                }

                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    Append(child, sb, html);
                    if (child is TableCell)
                    {
                        sb.Append(' ');
                    }
                }

                break;
        }
    }

    private static void AppendInline(Inline? inline, StringBuilder sb, bool html = false)
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
                case HtmlInline tag:
                    if (html)
                    {
                        sb.Append(tag.Tag);
                    }

                    break;
                case HtmlEntityInline entity:
                    sb.Append(entity.Transcoded.AsSpan());
                    break;
                case ContainerInline container:
                    AppendInline(container.FirstChild, sb, html);
                    break;
            }
        }
    }

    private static StringBuilder Rent()
    {
        var sb = t_builder ?? new StringBuilder(256);
        t_builder = null;
        return sb.Clear();
    }

    // A builder grown by one huge code block is let go rather than kept by the thread for good.
    private static void Return(StringBuilder sb) => t_builder = sb.Capacity <= 1 << 16 ? sb : null;

    private static string Trimmed(StringBuilder sb)
    {
        var start = 0;
        var end = sb.Length;
        while (start < end && char.IsWhiteSpace(sb[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(sb[end - 1]))
        {
            end--;
        }

        var text = sb.ToString(start, end - start);
        Return(sb);
        return text;
    }

    /// <summary>The builder's text with runs of white space folded to one space, and none at either end.</summary>
    private static string Collapsed(StringBuilder sb)
    {
        var buffer = ArrayPool<char>.Shared.Rent(sb.Length);
        sb.CopyTo(0, buffer, sb.Length);
        // Folding in place: the text only gets shorter, so each write lands at or behind the character just read.
        var (length, space) = (0, false);
        for (var i = 0; i < sb.Length; i++)
        {
            var c = buffer[i];
            if (char.IsWhiteSpace(c))
            {
                space = length > 0;
                continue;
            }

            if (space)
            {
                buffer[length++] = ' ';
                space = false;
            }

            buffer[length++] = c;
        }

        var text = new string(buffer, 0, length);
        ArrayPool<char>.Shared.Return(buffer);
        Return(sb);
        return text;
    }
}
