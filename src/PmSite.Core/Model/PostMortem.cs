namespace PmSite.Model;

/// <summary>Where a post-mortem's metadata came from; the input shapes PmSite accepts.</summary>
public enum MetadataSource
{
    /// <summary>YAML front matter.</summary>
    FrontMatter,

    /// <summary>Header lines under the title: the guide's template (<c>**Incident ID**:</c> under <c># Post-Mortem:</c>) or a team's own words.</summary>
    TemplateHeader,

    /// <summary>No metadata at all: id, title and date inferred from the file name and the text.</summary>
    Inferred,

    /// <summary>A PDF document: id, title and date from the file name, the document's metadata and its text.</summary>
    Pdf,
}

/// <summary>Whether a post-mortem may enter the public edition.</summary>
public enum Visibility
{
    Internal,
    Public,
}

/// <summary>
/// One parsed post-mortem. Immutable; every field is what the author wrote or what could be
/// inferred without guessing. Unknown values stay null and pages show them as "unspecified".
/// </summary>
public sealed record PostMortem
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>Incident date; null only for inferred files where no full date could be found.</summary>
    public DateOnly? Date { get; init; }

    /// <summary>Incident year, known even when only the file name gives it.</summary>
    public int? Year => Date?.Year ?? YearOnly;

    /// <summary>The year when no full date is known (from a <c>PM2019-009</c> style file name).</summary>
    public int? YearOnly { get; init; }

    public string? Severity { get; init; }

    public string? Status { get; init; }

    public DateOnly? Published { get; init; }

    public IReadOnlyList<string> Authors { get; init; } = [];

    public IReadOnlyList<string> Reviewers { get; init; } = [];

    public IReadOnlyList<string> Services { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Executive summary: from front matter, else the summary section's first paragraph.</summary>
    public string? Summary { get; init; }

    public DateTimeOffset? Detected { get; init; }

    public DateTimeOffset? Resolved { get; init; }

    /// <summary>Time to detect as stated in the text (a "Stats" section) when no timestamps give it.</summary>
    public TimeSpan? StatedTimeToDetect { get; init; }

    /// <summary>Time to recover as stated in the text (a "Stats" section) when no timestamps give it.</summary>
    public TimeSpan? StatedTimeToResolve { get; init; }

    public IReadOnlyList<string> Related { get; init; } = [];

    public bool NearMiss { get; init; }

    public Visibility Visibility { get; init; } = Visibility.Internal;

    public MetadataSource Source { get; init; }

    /// <summary>Path of the source file relative to the input folder, with forward slashes.</summary>
    public required string SourcePath { get; init; }

    /// <summary>Line in the source file of each front-matter or header field, for diagnostics.</summary>
    public IReadOnlyDictionary<string, int> FieldLines { get; init; } = new Dictionary<string, int>();

    public IReadOnlyList<Section> Sections { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    public IReadOnlyList<ActionItem> ActionItems { get; init; } = [];

    /// <summary>Incident ids mentioned in the body text (not counting the post-mortem's own id).</summary>
    public IReadOnlyList<string> MentionedIds { get; init; } = [];

    /// <summary>The Markdown body, and its syntax tree while the post-mortem is read.</summary>
    public required MarkdownBody Body { get; init; }

    /// <summary>Every link of the body (its URL as written, and its line in the file), for resolving them when pages are made.</summary>
    public IReadOnlyList<(string? Url, int Line)> Links { get; init; } = [];

    public Section? SectionOf(SectionKind kind) => Sections.FirstOrDefault(s => s.Kind == kind);

    /// <summary>
    /// A post-mortem is one incident's record, not a value: two are the same only if they are the same object. (A
    /// record's value equality would compare and hash every field, each time one is a dictionary key.)
    /// </summary>
    public bool Equals(PostMortem? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    /// <summary>Lets the body's syntax tree go once everything that reads the post-mortem has walked it (see <see cref="MarkdownBody"/>).</summary>
    public void ReleaseSyntax()
    {
        Body.Release();
        foreach (var section in Sections)
        {
            section.Release();
        }
    }

    /// <summary>Time from detection to resolution, from timestamps or else as stated in the text.</summary>
    public TimeSpan? TimeToResolve =>
        Detected is { } d && Resolved is { } r && r >= d ? r - d : StatedTimeToResolve;
}
