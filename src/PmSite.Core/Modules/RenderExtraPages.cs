using System.Collections.Immutable;
using Markdig.Syntax;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Markdown;
using PmSite.Parsing;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>A link to an extra page, for the home page.</summary>
public sealed record ExtraPageLink(string Title, string Url);

/// <summary>Optional extra pages from <c>pages/*.md</c> (about, how to write a post-mortem), at <c>/&lt;name&gt;/</c>.</summary>
public sealed class RenderExtraPages : IModule
{
    public const string LinkKey = "ExtraPage";

    private static readonly HashSet<string> s_reserved = ["incidents", "tags", "services", "severity", "years", "reading-lists",
        "search", "action-items", "metrics", "recurring", "assets", "files"];

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var input = context.Get<InputFolder>();
        var site = context.Get<SiteRenderer>();
        var documents = new List<Document>();
        foreach (var path in input.Files(input.PagesRoot, recursive: false, context.Diagnostics, "*.md"))
        {
            var file = input.Relative(path);
            var slug = Slug.Of(Path.GetFileNameWithoutExtension(path));
            if (s_reserved.Contains(slug))
            {
                context.Diagnostics.Error(file, 0, "reserved-page", $"a page named '{slug}' would replace the site's own /{slug}/ pages");
                continue;
            }

            if (input.ReadText(path, context.Diagnostics) is not { } read
                || context.Get<Redaction.PublicEdition>().PreparePage(file, read, context.Diagnostics) is not { } text)
            {
                continue;
            }

            var page = ExtraPage.Parse(file, text, context.Diagnostics);
            if (page is null)
            {
                continue;
            }

            using var writer = new StringWriter();
            var renderer = new Markdig.Renderers.HtmlRenderer(writer);
            MarkdownSetup.Pipeline.Setup(renderer);
            var links = ResolveLinks(file, page.Value.Body, input, site.Urls, context.Diagnostics);
            ContentLinks.Install(renderer, url => links.GetValueOrDefault(url));
            renderer.Render(page.Value.Body);
            writer.Flush();
            var view = site.Views.Page(page.Value.Title, slug + "/", "page");
            documents.Add(site.Page("page", view, new { Title = page.Value.Title, BodyHtml = writer.ToString() })
                .With(LinkKey, new ExtraPageLink(page.Value.Title, site.Urls.Link(slug + "/"))));
        }

        return Task.FromResult(documents.ToImmutableArray());
    }

    /// <summary>
    /// Resolves the links of a page: "how-to-write.md" between pages → that page's URL; unsafe schemes left to the renderer, which shows them as text; a bare host,
    /// a missing target or one outside the input folder as <see cref="LinkTarget.Unresolved"/> has it, with a warning.
    /// Links to other files of the input folder are left as written.
    /// </summary>
    private static Dictionary<string, string> ResolveLinks(string file, MarkdownDocument body, InputFolder input, SiteUrls urls,
        DiagnosticBag diagnostics)
    {
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var link in body.Descendants<Markdig.Syntax.Inlines.LinkInline>())
        {
            if (link.Url is not { Length: > 0 } url || resolved.ContainsKey(url))
            {
                continue;
            }

            if (LinkTarget.PathOf(url, out var cut) is not { } target)
            {
                continue;
            }

            var found = LinkTarget.Find(input, file, target);
            if (found.Relative is not { } relative)
            {
                resolved[url] = found.Unresolved(url, file, link.Line + 1, diagnostics);
            }
            else if (!target.Contains('/', StringComparison.Ordinal) && target.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                && relative.StartsWith("pages/", StringComparison.Ordinal))
            {
                resolved[url] = urls.Link(Slug.Of(target[..^3]) + "/") + (cut >= 0 && url[cut] == '#' ? url[cut..] : "");
            }
        }

        return resolved;
    }

    private static class ExtraPage
    {
        public static (string Title, Markdig.Syntax.MarkdownDocument Body)? Parse(string file, string text, DiagnosticBag diagnostics)
        {
            text = text.Replace("\r\n", "\n");
            var metadata = MetadataBlock.Read(file, text, diagnostics);
            if (metadata is null)
            {
                return null;
            }

            if (NestingLimit.Parse(file, metadata.Body, MarkdownSetup.Pipeline, diagnostics) is not { } body)
            {
                return null;
            }

            var title = metadata.Fields.TryGetValue("title", out var field) ? field.Value : null;
            if (title is null && body.Count > 0 && body[0] is Markdig.Syntax.HeadingBlock { Level: 1 } heading)
            {
                title = PlainText.Of(heading.Inline);
                body.RemoveAt(0);
            }

            return (title ?? Path.GetFileNameWithoutExtension(file), body);
        }
    }
}
