using System.Text;
using Markdig.Syntax;
using PmSite.Markdown;

namespace PmSite.Model;

/// <summary>
/// A structured table of the body (see <c>StructuredTable</c>) that a page shows from the post-mortem's own rows and
/// so leaves out of the text it parses again: its first and last line (Markdig's, from 0), and where its rows stand in
/// the post-mortem's <see cref="PostMortem.Timeline"/> or <see cref="PostMortem.ActionItems"/>.
/// </summary>
public sealed record DetachedTable(int Line, int LastLine, SectionKind Kind, int Start, int Count);

/// <summary>
/// The Markdown body of a post-mortem. Its syntax tree is several times the size of its text, and a knowledge base of
/// thousands would hold every tree until the last page is written; so the tree is kept only while the post-mortem is
/// read (the parser and the lint rules walk it), then released, and parsed again where a page is rendered from it.
/// </summary>
public sealed class MarkdownBody
{
    private MarkdownDocument? _tree;
    private IReadOnlyList<DetachedTable> _detached = [];

    // The text while the tree is kept; after that, its UTF-8 bytes, about half the size for the mostly ASCII text of a
    // post-mortem: every body is held until the last page is written (about 32 MB less at 10,000 post-mortems).
    private string? _markdown;
    private byte[]? _utf8;

    public MarkdownBody(string markdown)
        : this(markdown, Markdig.Markdown.Parse(markdown, MarkdownSetup.Pipeline))
    {
    }

    private MarkdownBody(string markdown, MarkdownDocument tree)
    {
        _markdown = markdown;
        (_tree, TitleHeading) = TitleOf(tree);
    }

    /// <summary>The body of <paramref name="file"/>; null, with a <c>too-deep</c> error, where it is nested past the limit.</summary>
    internal static MarkdownBody? Read(string file, string markdown, Diagnostics.DiagnosticBag diagnostics) =>
        NestingLimit.Parse(file, markdown, MarkdownSetup.Pipeline, diagnostics) is { } tree ? new MarkdownBody(markdown, tree) : null;

    /// <summary>The body's Markdown, with the lines above it blanked so that line numbers are the file's.</summary>
    public string Markdown => Volatile.Read(ref _markdown) ?? Encoding.UTF8.GetString(_utf8!);

    /// <summary>The title a level-1 heading that opened the body gives (see <see cref="Parsing.TitleText"/>): not part of its body.</summary>
    public string? TitleHeading { get; }

    /// <summary>The syntax tree: the one read with the post-mortem until it is released, then a fresh parse on each call.</summary>
    public MarkdownDocument Tree => Volatile.Read(ref _tree) ?? Parse(Markdown).Tree;

    /// <summary>Lets the tree go once reading is done; anything that needs it later parses the text again.</summary>
    public void Release()
    {
        if (Volatile.Read(ref _markdown) is { } markdown)
        {
            _utf8 = Encoding.UTF8.GetBytes(markdown);
            Volatile.Write(ref _markdown, null);
        }

        Volatile.Write(ref _tree, null);
    }

    /// <summary>The tables a page shows from the post-mortem's rows, in order; the parser finds them while it has the tree.</summary>
    public IReadOnlyList<DetachedTable> Detached => _detached;

    internal void Detach(IReadOnlyList<DetachedTable> tables) => _detached = tables;

    /// <summary>
    /// The tree a page is rendered from, and the detached tables it leaves out (in order, each to be shown before the
    /// first block below it): the tree kept while reading, which has every table, else the text parsed again without them.
    /// </summary>
    public (MarkdownDocument Tree, IReadOnlyList<DetachedTable> Detached) ForPage() =>
        Volatile.Read(ref _tree) is { } kept ? (kept, []) : (Parse(Without(_detached)).Tree, _detached);

    /// <summary>
    /// The released text, decoded from its bytes, with the lines of the detached tables blank so every other block keeps
    /// its lines: blanked as it is decoded, without a string of the whole text first.
    /// </summary>
    private string Without(IReadOnlyList<DetachedTable> tables)
    {
        // The tree is let go after the text became bytes (see Release): without the tree, the bytes are there.
        var utf8 = _utf8!;
        return string.Create(Encoding.UTF8.GetCharCount(utf8), (utf8, tables), static (chars, state) =>
        {
            var (utf8, tables) = state;
            Encoding.UTF8.GetChars(utf8, chars);
            var line = 0;
            var next = 0;
            for (var i = 0; i < chars.Length && next < tables.Count; i++)
            {
                if (chars[i] == '\n')
                {
                    line++;
                    if (line > tables[next].LastLine)
                    {
                        next++;
                    }
                }
                else if (line >= tables[next].Line)
                {
                    chars[i] = ' ';
                }
            }
        });
    }

    private static (MarkdownDocument Tree, string? Title) Parse(string markdown) =>
        TitleOf(Markdig.Markdown.Parse(markdown, MarkdownSetup.Pipeline));

    private static (MarkdownDocument Tree, string? Title) TitleOf(MarkdownDocument tree)
    {
        // A first heading that is a section's name ("# Summary") or a template's placeholder opens the body, not its title.
        if (tree.Count > 0 && tree[0] is HeadingBlock { Level: 1 } heading && Parsing.TitleText.Clean(PlainText.Of(heading.Inline)) is { } title)
        {
            tree.RemoveAt(0);
            return (tree, title);
        }

        return (tree, null);
    }
}
