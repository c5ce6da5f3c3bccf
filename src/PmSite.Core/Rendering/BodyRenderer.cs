using Markdig.Extensions.Tables;
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
/// everything else is Markdig's HTML with raw HTML escaped and links resolved. The HTML is written straight into the
/// page (see <see cref="DeferredHtml"/>); the table of contents, which the page may show before it, comes from the headings.
/// </summary>
public sealed class BodyRenderer(Theme theme, Func<string, string?> resolveLink, Func<string, string?> incidentUrl, ViewFactory views)
{
    public RenderedBody Render(PostMortem postMortem)
    {
        var tree = postMortem.Body.Tree;
        return new RenderedBody(new DeferredHtml(writer => Write(postMortem, tree, writer)), TableOfContents(tree));
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

    private void Write(PostMortem postMortem, MarkdownDocument tree, TextWriter writer)
    {
        var renderer = new HtmlRenderer(writer);
        MarkdownSetup.Pipeline.Setup(renderer);
        SafeHtml.Install(renderer);
        IncidentMentionRenderer.Install(renderer, incidentUrl);
        renderer.LinkRewriter = url => resolveLink(url) ?? url;

        var kind = SectionKind.Other;
        var zone = (string?)null;
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
                        zone = kind == SectionKind.Timeline ? postMortem.Sections.FirstOrDefault(s => s.Line == heading.Line + 1) is { } s ? TimelineReader.ZoneIn(s.Text) : null : null;
                    }
                    else
                    {
                        category = title;
                        priority = ActionItemReader.PriorityIn(title);
                    }

                    renderer.Render(heading);
                    break;
                case Table table when kind == SectionKind.Timeline:
                    var entries = TimelineReader.FromTable(TableText.From(table), zone).ToList();
                    theme.RenderTo(writer, "partials/timeline", new { Entries = entries.Select(views.Timeline).ToList() });
                    break;
                case Table table when kind == SectionKind.ActionItems:
                    var items = ActionItemReader.FromTable(TableText.From(table), category, priority).ToList();
                    theme.RenderTo(writer, "partials/action-items", new { Items = items.Select(views.Action).ToList() });
                    break;
                default:
                    renderer.Render(block);
                    break;
            }
        }

    }
}
