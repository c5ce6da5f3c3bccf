namespace PmSite.Model;

/// <summary>The knowledge base's <c>pmsite.yml</c>. Every field has a sensible default, so the file is optional.</summary>
public sealed record SiteSettings
{
    public string Title { get; init; } = "Incident Library";

    public string Description { get; init; } = "Incident post-mortems: what happened, why, and what changed.";

    /// <summary>Absolute base URL ending in a slash; used for the feed, the sitemap and canonical links.</summary>
    public string BaseUrl { get; init; } = "https://example.com/";

    /// <summary>
    /// Severities, most severe first: the ones <c>pmsite.yml</c> declares, or else (once the post-mortems are read, see
    /// <see cref="Content.KnowledgeBase.Settings"/>) the ones the folder uses, in the order of their scale.
    /// </summary>
    public IReadOnlyList<string> Severities { get; init; } = ["SEV1", "SEV2", "SEV3"];

    /// <summary>
    /// Whether <see cref="Severities"/> is a closed vocabulary: declared in <c>pmsite.yml</c>, or completed from what the
    /// folder uses. Until then a value outside it is no error, and its rank comes from its scale.
    /// </summary>
    public bool SeveritiesDeclared { get; init; }

    /// <summary>Declared post-mortem statuses; empty when the folder's own words are taken as they are.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>Other words for a severity (<c>Critical: SEV1</c>), matched without regard to case.</summary>
    public IReadOnlyDictionary<string, string> SeverityAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Other words for a status (<c>Resolved: Published</c>), matched without regard to case.</summary>
    public IReadOnlyDictionary<string, string> StatusAliases { get; init; } = new Dictionary<string, string>();

    /// <summary>Every warning fails the build, for teams whose CI keeps a curated knowledge base complete.</summary>
    public bool Strict { get; init; }

    /// <summary>Prefix of new incident ids, used by <c>pmsite new</c>.</summary>
    public string IdPrefix { get; init; } = "INC-";

    /// <summary>Ticket link template with a <c>{ticket}</c> placeholder, for the internal edition only.</summary>
    public string? TrackerUrl { get; init; }

    public RedactionSettings Redaction { get; init; } = new();

    /// <summary>
    /// Rank of a severity (0 = most severe): its place in <see cref="Severities"/>; unknown severities sort last. Before an
    /// open vocabulary is completed, a value's place on its scale (<see cref="Parsing.SeverityScale"/>).
    /// </summary>
    public int SeverityRank(string? severity)
    {
        if (!SeveritiesDeclared)
        {
            return severity is not null && Parsing.SeverityScale.Position(severity) is { } position ? position : Severities.Count;
        }

        for (var i = 0; i < Severities.Count; i++)
        {
            if (string.Equals(Severities[i], severity, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return Severities.Count;
    }
}

/// <summary>The <c>redaction:</c> block of <c>pmsite.yml</c>, used by the public edition.</summary>
public sealed record RedactionSettings
{
    public IReadOnlyList<string> People { get; init; } = [];

    public IReadOnlyList<string> Customers { get; init; } = [];

    public IReadOnlyList<string> Systems { get; init; } = [];

    public IReadOnlyList<string> InternalDomains { get; init; } = [];

    public IReadOnlyList<string> TicketPrefixes { get; init; } = [];

    public IReadOnlyDictionary<string, string> Terms { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<string> Keep { get; init; } = [];
}
