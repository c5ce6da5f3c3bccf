using Markdig;

namespace PmSite.Markdown;

/// <summary>The one Markdig pipeline every post-mortem and page is parsed with.</summary>
internal static class MarkdownSetup
{
    /// <summary>
    /// GitHub-flavoured extensions, chosen one by one rather than <c>UseAdvancedExtensions()</c>:
    /// generic attributes would let a post-mortem add event-handler attributes to the page.
    /// </summary>
    public static MarkdownPipeline Pipeline { get; } = Extensions(new MarkdownPipelineBuilder())
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .Build();

    /// <summary>The Markdown extensions PmSite reads, for every pipeline that must see what pages see.</summary>
    public static MarkdownPipelineBuilder Extensions(MarkdownPipelineBuilder builder) => builder
        .UsePipeTables()
        .UseGridTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseDefinitionLists()
        .UseListExtras();
}
