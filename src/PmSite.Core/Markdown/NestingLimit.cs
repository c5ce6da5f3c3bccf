using Markdig;
using Markdig.Syntax;
using PmSite.Diagnostics;

namespace PmSite.Markdown;

/// <summary>
/// Markdown nested too deep (block quotes, lists, emphasis, links inside one another) is a one-line <c>too-deep</c> error
/// naming the file and the line, and is not read. Markdig stops parsing block nesting past its limit with an exception
/// that names no line; emphasis it nests without limit and refuses only when rendering. A tree that passes here is at
/// most <see cref="MaxDepth"/> deep, which the recursive walkers (plain text, sections, lint, redaction) and Markdig's
/// renderer take without running out of stack.
/// </summary>
internal static class NestingLimit
{
    /// <summary>The deepest node a tree may have (the document is level 0): under Markdig's rendering limit of 128.</summary>
    public const int MaxDepth = 100;

    /// <summary>The parsed <paramref name="markdown"/>; null, with the error, where it is nested too deep.</summary>
    public static MarkdownDocument? Parse(string file, string markdown, MarkdownPipeline pipeline, DiagnosticBag diagnostics)
    {
        int line;
        try
        {
            var tree = Markdig.Markdown.Parse(markdown, pipeline);
            if (TooDeep(tree) is not { } deep)
            {
                return tree;
            }

            line = deep.Line + 1;
        }
        catch (ArgumentException)
        {
            // Markdig throws ArgumentException for its depth limit only; content has no other way to make it throw.
            line = LineOf(markdown, pipeline);
        }

        diagnostics.Error(file, line, "too-deep",
            $"Markdown nested more than {MaxDepth} levels deep (block quotes, lists or emphasis inside one another); the file is not read");
        return null;
    }

    /// <summary>Whether a tree has a node deeper than <see cref="MaxDepth"/>, which no walker may be given.</summary>
    public static bool IsTooDeep(MarkdownDocument tree) => TooDeep(tree) is not null;

    /// <summary>The first node deeper than <see cref="MaxDepth"/>, found without recursion; null for a tree within it.</summary>
    private static MarkdownObject? TooDeep(MarkdownDocument tree)
    {
        var pending = new Stack<(MarkdownObject Node, int Depth)>();
        pending.Push((tree, 0));
        while (pending.TryPop(out var current))
        {
            if (current.Depth > MaxDepth)
            {
                return current.Node;
            }

            switch (current.Node)
            {
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        pending.Push((child, current.Depth + 1));
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    pending.Push((inline, current.Depth + 1));
                    break;
                case Markdig.Syntax.Inlines.ContainerInline container:
                    foreach (var child in container)
                    {
                        pending.Push((child, current.Depth + 1));
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// The 1-based line whose addition makes the text too deep: the shortest run of leading lines that Markdig refuses,
    /// found by halving, so a file that parses costs nothing and one that does not costs a few parses.
    /// </summary>
    private static int LineOf(string markdown, MarkdownPipeline pipeline)
    {
        var ends = new List<int>();
        for (var i = markdown.IndexOf('\n'); i >= 0; i = markdown.IndexOf('\n', i + 1))
        {
            ends.Add(i);
        }

        ends.Add(markdown.Length);
        int low = 1, high = ends.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (Refuses(markdown[..ends[middle - 1]], pipeline))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    private static bool Refuses(string markdown, MarkdownPipeline pipeline)
    {
        try
        {
            Markdig.Markdown.Parse(markdown, pipeline);
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
