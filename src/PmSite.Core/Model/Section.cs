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
public sealed record Section(SectionKind Kind, string Heading, int Line, IReadOnlyList<Block> Blocks)
{
    /// <summary>Plain text of the section's blocks, for summaries, search and similarity.</summary>
    public string Text { get; init; } = "";
}
