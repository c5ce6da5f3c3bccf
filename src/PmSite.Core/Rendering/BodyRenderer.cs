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

/// <summary>A rendered body: HTML and its table of contents.</summary>
public sealed record RenderedBody(string Html, IReadOnlyList<TocEntry> Toc);

/// <summary>
/// Renders a post-mortem's parsed body to HTML. Timeline and action-item tables are rendered from their
/// structured rows through theme partials (time zones, status badges, overdue marks, ticket links);
/// everything else is Markdig's HTML with raw HTML escaped and links resolved.
/// </summary>
public sealed class BodyRenderer(Theme theme, Func<string, string?> resolveLink, Func<string, string?> incidentUrl, ViewFactory views)
{
    public RenderedBody Render(PostMortem postMortem)
    {
        // Sized for the HTML of a typical body, which is about one and a half times its Markdown: growing a builder
        // copies it each time, and bodies are rendered for every page.
        var markdown = postMortem.Body.Markdown.Length;
        using var writer = new StringWriter(new System.Text.StringBuilder(markdown + (markdown / 2)), System.Globalization.CultureInfo.InvariantCulture);
        var renderer = new HtmlRenderer(writer);
        MarkdownSetup.Pipeline.Setup(renderer);
        SafeHtml.Install(renderer);
        IncidentMentionRenderer.Install(renderer, incidentUrl);
        renderer.LinkRewriter = url => resolveLink(url) ?? url;

        var toc = new List<TocEntry>();
        var kind = SectionKind.Other;
        var zone = (string?)null;
        string? category = null;
        var priority = ActionPriority.Unspecified;
        foreach (var block in postMortem.Body.Tree)
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
                        if (heading.GetAttributes().Id is { } id)
                        {
                            toc.Add(new TocEntry(id, title));
                        }
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
                    writer.Write(theme.Render("partials/timeline", new { Entries = entries.Select(views.Timeline).ToList() }));
                    break;
                case Table table when kind == SectionKind.ActionItems:
                    var items = ActionItemReader.FromTable(TableText.From(table), category, priority).ToList();
                    writer.Write(theme.Render("partials/action-items", new { Items = items.Select(views.Action).ToList() }));
                    break;
                default:
                    renderer.Render(block);
                    break;
            }
        }

        writer.Flush();
        return new RenderedBody(writer.ToString(), toc);
    }
}
