using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Pipelines;
using PmSite.Redaction;
using PmSite.Rendering;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PmSite.Modules;

/// <summary>A reading list as the home page and index link to it.</summary>
public sealed record ReadingListLink(string Title, string Url, string? Description, string? Audience, int Count);

/// <summary>An entry of a reading list: the incident and the curator's note.</summary>
public sealed record ReadingListItemView(IncidentSummaryView Incident, string? Note);

/// <summary>
/// Onboarding reading lists from <c>reading-lists/*.yml</c> (title, description, audience, items of id and note):
/// a page per list, in the curator's order, and an index. An unknown id is an error with its line.
/// </summary>
public sealed class RenderReadingLists : IModule
{
    public const string LinkKey = "ReadingList";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var input = context.Get<InputFolder>();
        var edition = context.Get<PublicEdition>();
        var paths = input.Files(input.ReadingListRoot, recursive: false, context.Diagnostics, "*.y*ml");
        if (!input.HasFolder(input.ReadingListRoot))
        {
            return Task.FromResult(ImmutableArray<Document>.Empty);
        }

        var documents = new List<Document>();
        var links = new List<ReadingListLink>();
        foreach (var path in paths)
        {
            var file = input.Relative(path);
            var list = Read(file, File.ReadAllText(path), knowledgeBase, context);
            if (list is not null && edition.IsPublic)
            {
                list = PublicList(file, list, edition);
            }

            if (list is null)
            {
                continue;
            }

            var slug = Slug.Of(Path.GetFileNameWithoutExtension(path));
            var pagePath = SiteUrls.ReadingListPath(slug);
            var items = list.Items.Select(i => new ReadingListItemView(site.Views.Summary(knowledgeBase.Find(i.Id)!), i.Note)).ToList();
            var link = new ReadingListLink(list.Title, site.Urls.Link(pagePath), list.Description, list.Audience, items.Count);
            links.Add(link);
            var page = site.Views.Page(list.Title, pagePath, "reading-list", list.Description);
            documents.Add(site.Page("reading-list", page, new { List = link, Items = items }).With(LinkKey, link));
        }

        var index = site.Views.Page("Reading lists", "reading-lists/", "reading-lists", "Curated post-mortems to read, in order, with why each matters.");
        documents.Add(site.Page("reading-lists", index, new { Lists = links }));
        return Task.FromResult(documents.ToImmutableArray());
    }

    private sealed record ListFile(string Title, string? Description, string? Audience, List<(string Id, string? Note)> Items);

    /// <summary>A list as the public edition shows it: its text redacted; none at all when every entry was withheld.</summary>
    private static ListFile? PublicList(string file, ListFile list, PublicEdition edition)
    {
        if (list.Items.Count == 0)
        {
            return null;
        }

        var redactor = edition.NewRedactor(file, "reading-list");
        string? Redact(string? text) => text is null ? null : redactor.Plain(text);
        var redacted = new ListFile(redactor.Plain(list.Title), Redact(list.Description), Redact(list.Audience),
            list.Items.Select(i => (i.Id, Redact(i.Note))).ToList());
        edition.Collect(redactor);
        return redacted;
    }

    private static ListFile? Read(string file, string text, KnowledgeBase knowledgeBase, IExecutionContext context)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(Parsing.DepthLimitedParser.Of(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                context.Diagnostics.Error(file, 1, "reading-list", "a reading list must be a mapping with title and items");
                return null;
            }

            root = mapping;
        }
        catch (Parsing.YamlTooDeepException ex)
        {
            context.Diagnostics.Error(file, (int)ex.Start.Line, "too-deep", $"reading list {ex.Message}; it is not read");
            return null;
        }
        catch (YamlException ex)
        {
            context.Diagnostics.Error(file, (int)ex.Start.Line, "yaml", $"malformed YAML: {(ex.InnerException ?? ex).Message}");
            return null;
        }
        catch (InvalidOperationException)
        {
            context.Diagnostics.Error(file, 1, "yaml", "malformed YAML: an unclosed '[', '{' or quote");
            return null;
        }

        string? Scalar(YamlMappingNode node, string key) =>
            node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value) ? s.Value.Trim() : null;

        var title = Scalar(root, "title");
        if (title is null)
        {
            context.Diagnostics.Error(file, 1, "reading-list", "a reading list needs a 'title'");
            return null;
        }

        var items = new List<(string, string?)>();
        var ok = true;
        if (root.Children.TryGetValue(new YamlScalarNode("items"), out var itemsNode) && itemsNode is YamlSequenceNode sequence)
        {
            foreach (var item in sequence.Children)
            {
                var line = (int)item.Start.Line;
                var id = item is YamlMappingNode m ? Scalar(m, "id") : (item as YamlScalarNode)?.Value;
                if (id is null)
                {
                    context.Diagnostics.Error(file, line, "reading-list", "an item needs an 'id'");
                    ok = false;
                }
                else if (knowledgeBase.Find(id) is null && context.Get<PublicEdition>().IsWithheld(id))
                {
                    // Not in the public edition: the entry is left out, silently, like everything about it.
                }
                else if (knowledgeBase.Find(id) is null)
                {
                    context.Diagnostics.Error(file, line, "unknown-id", $"'{id}' is not the id of any post-mortem");
                    ok = false;
                }
                else
                {
                    items.Add((knowledgeBase.Find(id)!.Id, item is YamlMappingNode n ? Scalar(n, "note") : null));
                }
            }
        }
        else
        {
            context.Diagnostics.Error(file, 1, "reading-list", "a reading list needs a list of 'items'");
            return null;
        }

        return ok ? new ListFile(title, Scalar(root, "description"), Scalar(root, "audience"), items) : null;
    }
}
