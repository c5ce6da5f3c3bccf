namespace PmSite.Model;

/// <summary>The knowledge base's <c>pmsite.yml</c>. Every field has a sensible default, so the file is optional.</summary>
public sealed record SiteSettings
{
    public string Title { get; init; } = "Incident Library";

    public string Description { get; init; } = "Incident post-mortems: what happened, why, and what changed.";

    /// <summary>Absolute base URL ending in a slash; used for the feed, the sitemap and canonical links.</summary>
    public string BaseUrl { get; init; } = "https://example.com/";

    /// <summary>Allowed severities, most severe first.</summary>
    public IReadOnlyList<string> Severities { get; init; } = ["SEV1", "SEV2", "SEV3"];

    /// <summary>Prefix of new incident ids, used by <c>pmsite new</c>.</summary>
    public string IdPrefix { get; init; } = "INC-";

    /// <summary>Ticket link template with a <c>{ticket}</c> placeholder, for the internal edition only.</summary>
    public string? TrackerUrl { get; init; }

    public RedactionSettings Redaction { get; init; } = new();

    /// <summary>Rank of a severity (0 = most severe); unknown severities sort last.</summary>
    public int SeverityRank(string? severity)
    {
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
