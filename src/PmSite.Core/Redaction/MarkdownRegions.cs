using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PmSite.Redaction;

/// <summary>A range of source positions, end exclusive.</summary>
internal readonly record struct Region(int Start, int End)
{
    public bool Contains(int start, int end) => start >= Start && end <= End;
}

/// <summary>
/// Where a Markdown text holds code (shown literally, so replacements are not escaped), link targets
/// (a replacement there must still be a harmless link) and URLs (a value inside one takes the whole URL with it).
/// Found by parsing the text with Markdig, positions tracked precisely.
/// </summary>
internal sealed class MarkdownRegions
{
    private static readonly MarkdownPipeline s_pipeline =
        PmSite.Markdown.MarkdownSetup.Extensions(new MarkdownPipelineBuilder().UsePreciseSourceLocation()).Build();

    public static readonly MarkdownRegions None = new([], [], []);

    private MarkdownRegions(IReadOnlyList<Region> code, IReadOnlyList<Region> linkTargets, IReadOnlyList<Region> urls)
    {
        Code = code;
        LinkTargets = linkTargets;
        Urls = urls;
    }

    /// <summary>Code blocks, code spans and raw HTML: text a reader sees exactly as written.</summary>
    public IReadOnlyList<Region> Code { get; }

    /// <summary>Destinations of links and images, and of link reference definitions.</summary>
    public IReadOnlyList<Region> LinkTargets { get; }

    /// <summary>Autolinks (<c>&lt;https://…&gt;</c>) and bare URLs that become links, brackets included.</summary>
    public IReadOnlyList<Region> Urls { get; }

    public static MarkdownRegions Of(string markdown)
    {
        var code = new List<Region>();
        var targets = new List<Region>();
        var urls = new List<Region>();
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, s_pipeline);
        }
        catch (ArgumentException)
        {
            // Nested past Markdig's limit: no region is spared, so everything is redacted; the file's own parse reports it.
            return new MarkdownRegions([], [], []);
        }

        if (PmSite.Markdown.NestingLimit.IsTooDeep(document))
        {
            return new MarkdownRegions([], [], []);
        }

        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case CodeBlock or HtmlBlock or CodeInline or HtmlInline:
                    Add(code, node.Span);
                    break;
                case LinkReferenceDefinition definition:
                    Add(targets, definition.UrlSpan);
                    break;
                case AutolinkInline:
                    Add(urls, node.Span);
                    break;
                case LinkInline { IsAutoLink: true }:
                    Add(urls, node.Span);
                    break;
                case LinkInline link:
                    Add(targets, link.UrlSpan);
                    break;
            }
        }

        return new MarkdownRegions(code, targets, urls);
    }

    public bool IsCode(int position)
    {
        foreach (var region in Code)
        {
            if (position >= region.Start && position < region.End)
            {
                return true;
            }
        }

        return false;
    }

    public Region? LinkTargetAround(int start, int end) => Around(LinkTargets, start, end);

    public Region? UrlAround(int start, int end) => Around(Urls, start, end);

    private static Region? Around(IReadOnlyList<Region> regions, int start, int end)
    {
        foreach (var region in regions)
        {
            if (start < region.End && end > region.Start)
            {
                return region;
            }
        }

        return null;
    }

    private static void Add(List<Region> regions, Markdig.Syntax.SourceSpan span)
    {
        if (!span.IsEmpty && span.Length > 0)
        {
            regions.Add(new Region(span.Start, span.End + 1));
        }
    }
}
