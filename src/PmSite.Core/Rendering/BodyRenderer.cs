using Markdig.Extensions.Footnotes;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using PmSite.Markdown;
using PmSite.Model;
using PmSite.Parsing;

namespace PmSite.Rendering;

/// <summary>A level-2 heading of a rendered body, for the page's table of contents.</summary>
public sealed record TocEntry(string Id, string Title);

/// <summary>A body to render: its HTML, written into the page where the template outputs it, and its table of contents.</summary>
public sealed record RenderedBody(DeferredHtml Html, IReadOnlyList<TocEntry> Toc);

/// <summary>
/// Renders a post-mortem's parsed body to HTML. Timeline and action-item tables are rendered from their
/// structured rows through theme partials (time zones, status badges, overdue marks, ticket links);
/// everything else is Markdig's HTML with raw HTML escaped and links resolved (<see cref="ContentLinks"/>); a link
/// <c>resolveLink</c> marks as missing (<see cref="MissingLink"/>), or one the <see cref="UrlPolicy"/> does not allow, is inert text. The HTML is written straight into the
/// page (see <see cref="DeferredHtml"/>); the table of contents, which the page may show before it, comes from the headings.
/// </summary>
public sealed class BodyRenderer(Theme theme, Func<string, string?> resolveLink, Func<string, string?> incidentUrl, ViewFactory views)
{
    public RenderedBody Render(PostMortem postMortem)
    {
        var (tree, detached) = postMortem.Body.ForPage();
        return new RenderedBody(new DeferredHtml(writer => Write(postMortem, tree, detached, writer)), TableOfContents(tree));
    }

    /// <summary>The level-1 and level-2 headings that have an id, as the body renders them.</summary>
    private static List<TocEntry> TableOfContents(MarkdownDocument tree)
    {
        var toc = new List<TocEntry>();
        foreach (var block in tree)
        {
            if (block is HeadingBlock { Level: <= 2 } heading && heading.GetAttributes().Id is { } id)
            {
                toc.Add(new TocEntry(id, PlainText.Of(heading.Inline).Trim()));
            }
        }

        return toc;
    }

    private void Write(PostMortem postMortem, MarkdownDocument tree, IReadOnlyList<DetachedTable> detached, TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        MarkdownSetup.Pipeline.Setup(renderer);
        IncidentMentionRenderer.Install(renderer, incidentUrl);
        ContentLinks.Install(renderer, resolveLink);
        BodyHeadingRenderer.Install(renderer, tree);

        var next = 0;
        foreach (var (block, table) in StructuredTable.Walk(tree, postMortem.Sections))
        {
            // A detached table stood where the blank lines it left are, before the first block below them. The footnotes
            // come after every other block: Markdig adds them at the end of the document.
            for (; next < detached.Count && (detached[next].Line < block.Line || block is FootnoteGroup); next++)
            {
                WriteDetached(postMortem, detached[next], writer);
            }

            switch (table?.Kind)
            {
                case SectionKind.Timeline:
                    WriteTimeline(table.Entries(), writer);
                    break;
                case SectionKind.ActionItems:
                    WriteActionItems(table.Items(), writer);
                    break;
                default:
                    renderer.Render(block);
                    break;
            }
        }

        for (; next < detached.Count; next++)
        {
            WriteDetached(postMortem, detached[next], writer);
        }
    }

    private void WriteDetached(PostMortem postMortem, DetachedTable table, TextWriter writer)
    {
        if (table.Kind == SectionKind.Timeline)
        {
            WriteTimeline(postMortem.Timeline.Skip(table.Start).Take(table.Count), writer);
        }
        else
        {
            WriteActionItems(postMortem.ActionItems.Skip(table.Start).Take(table.Count), writer);
        }
    }

    private void WriteTimeline(IEnumerable<TimelineEntry> entries, TextWriter writer) =>
        theme.RenderTo(writer, "partials/timeline", new { Entries = entries.Select(views.Timeline).ToList() });

    private void WriteActionItems(IEnumerable<ActionItem> items, TextWriter writer) =>
        theme.RenderTo(writer, "partials/action-items", new { Items = items.Select(views.Action).ToList() });
}
