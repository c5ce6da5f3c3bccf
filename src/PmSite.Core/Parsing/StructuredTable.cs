using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PmSite.Markdown;
using PmSite.Model;

namespace PmSite.Parsing;

/// <summary>
/// Where a reader put a table's rows in the post-mortem's timeline or action items, and under what: the time zone
/// (<paramref name="Context"/>) of a timeline, the category and priority of action items.
/// </summary>
internal sealed record TableRows(Table Table, int Start, int Count, string? Context, ActionPriority Priority)
{
    /// <summary>Whether a page reads the same table under the same headings, so would show these very rows.</summary>
    public bool ReadAs(StructuredTable table) =>
        table.Kind == SectionKind.Timeline ? Context == table.Zone : Context == table.Category && Priority == table.Priority;
}

/// <summary>
/// A top-level table of a timeline or action-items section. Pages show it from its structured rows, through theme
/// partials, not as Markdown: <see cref="Zone"/>, <see cref="Category"/> and <see cref="Priority"/> are what the headings
/// above it say.
/// </summary>
internal sealed record StructuredTable(Table Table, SectionKind Kind, string? Zone, string? Category, ActionPriority Priority)
{
    public List<TimelineEntry> Entries() => TimelineReader.FromTable(TableText.From(Table, html: true), Zone).ToList();

    public List<ActionItem> Items() => ActionItemReader.FromTable(TableText.From(Table, html: true), Category, Priority).ToList();

    /// <summary>
    /// The body's top-level blocks in order, each with the structured table it is, if it is one. A level-1 or level-2
    /// heading opens a section (classified by its title); a deeper heading in action items names a category.
    /// </summary>
    public static IEnumerable<(Block Block, StructuredTable? Table)> Walk(MarkdownDocument tree, IReadOnlyList<Section> sections)
    {
        var kind = SectionKind.Other;
        string? zone = null;
        string? category = null;
        var priority = ActionPriority.Unspecified;
        foreach (var block in tree)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    var title = PlainText.Of(heading.Inline).Trim();
                    if (heading.Level <= 2)
                    {
                        kind = SectionCatalog.Classify(title);
                        category = null;
                        priority = ActionPriority.Unspecified;
                        zone = kind == SectionKind.Timeline && sections.FirstOrDefault(s => s.Line == heading.Line + 1) is { } s ? TimelineReader.ZoneIn(s.Text) : null;
                    }
                    else
                    {
                        category = title;
                        priority = ActionItemReader.PriorityIn(title);
                    }

                    yield return (block, null);
                    break;
                case Table table when kind is SectionKind.Timeline or SectionKind.ActionItems:
                    yield return (block, new StructuredTable(table, kind, zone, category, priority));
                    break;
                default:
                    yield return (block, null);
                    break;
            }
        }
    }

    /// <summary>
    /// The structured tables a page can show from the post-mortem's own timeline and action items, so that the body is
    /// parsed again for the page without them. Markdig's pipe tables are the costliest part of a parse (a block, a
    /// paragraph and inlines per cell). A table is detached only where blanking its lines leaves every other block as it
    /// was (a blank line or a heading before it and no list, a blank line or the end after it, nothing in it that counts
    /// across the page), and where the readers read its rows under the same time zone, or category and priority, as
    /// the page would.
    /// </summary>
    public static IReadOnlyList<DetachedTable> Detachable(MarkdownDocument tree, IReadOnlyList<Section> sections, string markdown, List<TableRows> read)
    {
        List<DetachedTable>? detached = null;
        Block? previous = null;
        foreach (var (block, table) in Walk(tree, sections))
        {
            // A list goes on across blank lines: with the table gone, an indented block after it could join the list.
            var afterList = previous is ListBlock;
            previous = block;
            if (table is null || afterList || table.Table.LastChild is not { } last
                || read.Find(r => r.Table == table.Table) is not { } rows || !rows.ReadAs(table) || !IsSelfContained(table.Table))
            {
                continue;
            }

            if (StandsApart(markdown, table.Table.Span.Start, last.Span.End))
            {
                (detached ??= []).Add(new DetachedTable(table.Table.Line, last.Line, table.Kind, rows.Start, rows.Count));
            }
        }

        return detached ?? (IReadOnlyList<DetachedTable>)[];
    }

    /// <summary>
    /// Whether the table's text affects nothing outside it: a footnote reference, say, numbers the footnotes of the
    /// whole page, so a table holding one stays in the parse. Only inlines known to render in place pass.
    /// </summary>
    private static bool IsSelfContained(Table table)
    {
        foreach (var row in table)
        {
            foreach (var cell in (ContainerBlock)row)
            {
                foreach (var block in (ContainerBlock)cell)
                {
                    if (block is not LeafBlock leaf || (leaf.Inline is { } inline && !IsLocal(inline)))
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }

    // Walked by hand: Markdig's Descendants makes an iterator per node, and every table of every post-mortem is walked.
    private static bool IsLocal(Inline inline) => inline switch
    {
        LiteralInline or CodeInline or AutolinkInline or LineBreakInline or HtmlEntityInline or HtmlInline => true,
        EmphasisInline or LinkInline => ChildrenAreLocal((ContainerInline)inline),
        ContainerInline container when container.GetType() == typeof(ContainerInline) => ChildrenAreLocal(container),
        _ => false,
    };

    private static bool ChildrenAreLocal(ContainerInline container)
    {
        for (var child = container.FirstChild; child is not null; child = child.NextSibling)
        {
            if (!IsLocal(child))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the lines from offset <paramref name="start"/> to <paramref name="end"/> have a blank line or a heading above and a blank line below.</summary>
    private static bool StandsApart(string text, int start, int end)
    {
        var first = start == 0 ? 0 : text.LastIndexOf('\n', start - 1) + 1;
        if (first > 0)
        {
            var above = first == 1 ? 0 : text.LastIndexOf('\n', first - 2) + 1;
            var line = text.AsSpan(above, first - 1 - above);
            if (!line.IsWhiteSpace() && !line.TrimStart(' ').StartsWith('#'))
            {
                return false;
            }
        }

        var last = text.IndexOf('\n', end);
        if (last < 0)
        {
            return true;
        }

        var below = text.IndexOf('\n', last + 1);
        return text.AsSpan(last + 1, (below < 0 ? text.Length : below) - last - 1).IsWhiteSpace();
    }
}
