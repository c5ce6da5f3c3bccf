using Markdig.Syntax;
using PmSite.Markdown;

namespace PmSite.Model;

/// <summary>
/// The Markdown body of a post-mortem. Its syntax tree is several times the size of its text, and a knowledge base of
/// thousands would hold every tree until the last page is written; so the tree is kept only while the post-mortem is
/// read (the parser and the lint rules walk it), then released, and parsed again where a page is rendered from it.
/// </summary>
public sealed class MarkdownBody
{
    private MarkdownDocument? _tree;

    public MarkdownBody(string markdown)
    {
        Markdown = markdown;
        (_tree, TitleHeading) = Parse(markdown);
    }

    /// <summary>The body's Markdown, with the lines above it blanked so that line numbers are the file's.</summary>
    public string Markdown { get; }

    /// <summary>The text of a level-1 heading that opened the body: the post-mortem's title, not part of its body.</summary>
    public string? TitleHeading { get; }

    /// <summary>The syntax tree: the one read with the post-mortem until it is released, then a fresh parse on each call.</summary>
    public MarkdownDocument Tree => Volatile.Read(ref _tree) ?? Parse(Markdown).Tree;

    /// <summary>Lets the tree go once reading is done; anything that needs it later parses the text again.</summary>
    public void Release() => Volatile.Write(ref _tree, null);

    private static (MarkdownDocument Tree, string? Title) Parse(string markdown)
    {
        var tree = Markdig.Markdown.Parse(markdown, MarkdownSetup.Pipeline);
        if (tree.Count > 0 && tree[0] is HeadingBlock { Level: 1 } heading)
        {
            tree.RemoveAt(0);
            var text = PlainText.Of(heading.Inline).Trim();
            return (tree, text.Length == 0 ? null : text);
        }

        return (tree, null);
    }
}
