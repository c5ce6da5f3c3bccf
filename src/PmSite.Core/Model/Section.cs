using Markdig.Syntax;

namespace PmSite.Model;

/// <summary>The parts of the guide's template, recognised by heading whatever synonym the author used.</summary>
public enum SectionKind
{
    Other,
    Summary,
    Impact,
    Timeline,
    RootCause,
    WhatWentWell,
    WhatWentWrong,
    WhereWeGotLucky,
    ActionItems,
    LessonsLearned,
    Appendix,
    Stats,
}

/// <summary>
/// A top-level section of a post-mortem: its heading and the Markdown blocks under it
/// (sub-headings included) up to the next heading of the same or a higher level.
/// </summary>
public sealed record Section(SectionKind Kind, string Heading, int Line)
{
    private IReadOnlyList<Block>? _blocks;

    /// <summary>The section's blocks, while the post-mortem's syntax tree is kept (see <see cref="MarkdownBody"/>).</summary>
    public IReadOnlyList<Block> Blocks
    {
        get => _blocks ?? throw new InvalidOperationException($"the blocks of section \"{Heading}\" were released after reading");
        init => _blocks = value;
    }

    /// <summary>Plain text of the section's blocks, for summaries, search and similarity.</summary>
    public string Text { get; init; } = "";

    /// <summary>The plain text without code blocks, for search snippets; the same string as <see cref="Text"/> when there are none.</summary>
    public string Prose { get; init; } = "";

    /// <summary>Lets the blocks go with the syntax tree they belong to.</summary>
    internal void Release() => _blocks = null;
}
