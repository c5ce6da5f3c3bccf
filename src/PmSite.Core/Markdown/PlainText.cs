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

    /// <summary>The text of a block with runs of white space folded to one space: <c>Collapse(Of(block))</c> without the copy between.</summary>
    public static string CollapsedOf(Block block)
    {
        var sb = Rent();
        Append(block, sb);
        return Collapsed(sb);
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
                for (var i = 0; i < code.Lines.Count; i++)
                {
                    sb.Append(code.Lines.Lines[i].Slice.AsSpan()).Append('\n');
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
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        var collapsed = Collapse(text, buffer);
        ArrayPool<char>.Shared.Return(buffer);
        return collapsed;
    }

    private static string Collapse(ReadOnlySpan<char> text, char[] buffer)
    {
        var length = 0;
        var space = false;
        foreach (var c in text)
        {
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

        return new string(buffer, 0, length);
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

    private static string Collapsed(StringBuilder sb)
    {
        var buffer = ArrayPool<char>.Shared.Rent(sb.Length);
        sb.CopyTo(0, buffer, sb.Length);
        var text = Collapse(buffer.AsSpan(0, sb.Length), buffer);
        ArrayPool<char>.Shared.Return(buffer);
        Return(sb);
        return text;
    }
}
