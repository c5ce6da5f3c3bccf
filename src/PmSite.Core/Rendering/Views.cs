using System.Collections.Concurrent;
using System.Globalization;
using PmSite.Content;
using PmSite.Model;

namespace PmSite.Rendering;

// What templates see. Plain records with pre-formatted strings: templates stay simple and output stays
// byte-identical, since no template formats a date or a number itself. Fluid exposes names in snake_case.

public sealed record LinkView(string Name, string Url, int Count = 0);

public sealed record SiteView(string Title, string Description, string BasePath, string BaseUrl, string SearchUrl, bool IsPublic);

public sealed record PageView(SiteView Site, string Title, string Description, string Path, string Canonical, string Kind)
{
    /// <summary>Whether a navigation link is the current section, for <c>aria-current</c>.</summary>
    public string Section => Path.Split('/')[0];
}

public sealed record IncidentSummaryView(
    string Id, string Title, string Url, string? Date, string DateDisplay, string? Year, string Severity, string SeverityClass,
    string Status, string? Summary, IReadOnlyList<LinkView> Services, IReadOnlyList<LinkView> Tags, bool NearMiss)
{
    /// <summary>The most services a card shows; the incident's own page shows them all.</summary>
    public const int CardServiceLimit = 4;

    /// <summary>The most tags a card shows: a card is repeated on the page of every tag it has, so it must not list them all.</summary>
    public const int CardTagLimit = 8;

    /// <summary>The services a card shows.</summary>
    public IReadOnlyList<LinkView> CardServices => Services.Count <= CardServiceLimit ? Services : [.. Services.Take(CardServiceLimit)];

    /// <summary>The tags a card shows.</summary>
    public IReadOnlyList<LinkView> CardTags => Tags.Count <= CardTagLimit ? Tags : [.. Tags.Take(CardTagLimit)];

    /// <summary>How many services and tags the card leaves out ("+12 more").</summary>
    public int CardMore => Services.Count - CardServices.Count + Tags.Count - CardTags.Count;
}

public sealed record TimelineView(string Time, string Event, string? Actor, string? Zone);

public sealed record ActionView(
    string Action, string? Detail, string? Owner, string? Deadline, string Status, string StatusClass, bool Overdue,
    string? Ticket, string? TicketUrl, string Priority, string PriorityClass, string? Category);

public sealed record RelatedView(IncidentSummaryView Incident, IReadOnlyList<string> Reasons);

public sealed record FacetView(string Kind, string Title, string Name, string Url, IReadOnlyList<IncidentSummaryView> Incidents)
{
    /// <summary>The orderings of the page ("Newest first", "Most severe first"), each a server-rendered page.</summary>
    public IReadOnlyList<SortLinkView> Sorts { get; init; } = [];

    /// <summary>How many of the page's post-mortems have each severity, most severe first.</summary>
    public IReadOnlyList<LinkView> SeverityMix { get; init; } = [];

    public string Order { get; init; } = "newest first";
}

/// <summary>A link to one ordering of a list page; <see cref="Current"/> marks the one shown.</summary>
public sealed record SortLinkView(string Label, string Url, bool Current);

/// <summary>
/// Builds the template views from the model, once per post-mortem. <c>kept</c> holds summary views of earlier builds made
/// with the same settings, URLs, date and edition (a preview session's): an unchanged post-mortem keeps its view, and with
/// it the view's hash.
/// </summary>
public sealed class ViewFactory(SiteSettings settings, SiteUrls urls, DateOnly now, bool isPublic,
    System.Runtime.CompilerServices.ConditionalWeakTable<PostMortem, IncidentSummaryView>? kept = null)
{
    private readonly ConcurrentDictionary<string, IncidentSummaryView> _summaries = new(StringComparer.OrdinalIgnoreCase);

    public SiteUrls Urls => urls;

    /// <summary>
    /// The pages of tags, services and severities, which only the whole knowledge base can settle: set once it is built,
    /// before any page is made (see <see cref="Modules.BuildKnowledgeBase"/>).
    /// </summary>
    public FacetSlugs Facets { get; set; } = FacetSlugs.Natural;

    /// <summary>The link to a tag's page.</summary>
    public string TagUrl(string tag) => urls.Link(SiteUrls.TagPath(Facets.Tag(tag)));

    /// <summary>The link to a service's page.</summary>
    public string ServiceUrl(string service) => urls.Link(SiteUrls.ServicePath(Facets.Service(service)));

    /// <summary>The link to a severity's page.</summary>
    public string SeverityUrl(string severity) => urls.Link(SiteUrls.SeverityPath(Facets.Severity(severity)));

    public DateOnly Now => now;

    /// <summary>Whether this is the public edition, which shows no tracker links and no source paths.</summary>
    public bool IsPublic => isPublic;

    public SiteView Site { get; } = new(settings.Title, settings.Description, urls.BasePath, urls.BaseUrl, urls.Link("search/"), isPublic);

    public PageView Page(string title, string path, string kind, string? description = null) =>
        new(Site, title, description ?? settings.Description, path, urls.Absolute(path), kind);

    public IncidentSummaryView Summary(PostMortem p) => _summaries.GetOrAdd(p.Id, _ => kept is null ? NewSummary(p) : Kept(p));

    /// <summary>An earlier build's view of an unchanged post-mortem, unless a tag or service of it has moved to another page.</summary>
    private IncidentSummaryView Kept(PostMortem p)
    {
        var view = kept!.GetValue(p, NewSummary);
        if (!view.Tags.Select(t => t.Url).SequenceEqual(p.Tags.Select(TagUrl), StringComparer.Ordinal)
            || !view.Services.Select(s => s.Url).SequenceEqual(p.Services.Select(ServiceUrl), StringComparer.Ordinal))
        {
            view = NewSummary(p);
            kept.AddOrUpdate(p, view);
        }

        return view;
    }

    private IncidentSummaryView NewSummary(PostMortem p) => new(
        p.Id,
        p.Title,
        urls.Incident(p),
        p.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateDisplay(p),
        p.Year?.ToString(CultureInfo.InvariantCulture),
        p.Severity ?? "unspecified",
        p.Severity is null ? "sev-unspecified" : "sev-" + Slug.Of(p.Severity) + " sev-rank-" + settings.SeverityRank(p.Severity).ToString(CultureInfo.InvariantCulture),
        p.Status ?? "unspecified",
        Excerpt(p.Summary, 280),
        p.Services.Select(s => new LinkView(s, ServiceUrl(s))).ToList(),
        p.Tags.Select(t => new LinkView(t, TagUrl(t))).ToList(),
        p.NearMiss);

    public IReadOnlyList<IncidentSummaryView> Summaries(IEnumerable<PostMortem> postMortems) => postMortems.Select(Summary).ToList();

    public TimelineView Timeline(TimelineEntry e) => new(e.Time, e.Event, e.Actor, e.TimeZone);

    public ActionView Action(ActionItem a) => new(
        a.Action,
        a.Detail,
        a.Owner,
        a.Deadline?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? a.DeadlineText,
        StatusName(a),
        "status-" + a.Status.ToString().ToLowerInvariant(),
        a.IsOverdue(now),
        a.Ticket,
        TicketUrl(a.Ticket),
        a.Priority == ActionPriority.Unspecified ? "unspecified" : a.Priority.ToString(),
        "priority-" + a.Priority.ToString().ToLowerInvariant(),
        a.Category);

    public LinkView Facet(FacetValue value, Func<string, string> path) => new(value.Name, urls.Link(path(value.Slug)), value.PostMortems.Count);

    /// <summary>The tracker link for a ticket id, in the internal edition only (the public one never links trackers).</summary>
    public string? TicketUrl(string? ticket) =>
        ticket is null || isPublic || settings.TrackerUrl is null || !System.Text.RegularExpressions.Regex.IsMatch(ticket, @"^[A-Za-z][A-Za-z0-9]*-\d+$")
            ? null
            : settings.TrackerUrl.Replace("{ticket}", Uri.EscapeDataString(ticket), StringComparison.Ordinal) is var url && UrlPolicy.IsAllowed(url)
                ? url
                : null;

    public static string StatusName(ActionItem a) => a.Status switch
    {
        ActionStatus.Unspecified => a.StatusText ?? "unspecified",
        ActionStatus.InProgress => "In progress",
        ActionStatus.Open => "To do",
        _ => a.Status.ToString(),
    };

    public static string DateDisplay(PostMortem p) =>
        p.Date?.ToString("d MMM yyyy", CultureInfo.InvariantCulture) ?? (p.Year is { } y ? y.ToString(CultureInfo.InvariantCulture) : "date unknown");

    /// <summary>Cuts text at a word boundary, adding an ellipsis.</summary>
    public static string? Excerpt(string? text, int max)
    {
        if (text is null || text.Length <= max)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', max);
        return text[..(cut > max / 2 ? cut : max)].TrimEnd(',', ';', ':', '.', ' ') + "…";
    }

    public static string Duration(TimeSpan? span)
    {
        if (span is not { } s)
        {
            return "unknown";
        }

        if (s.TotalMinutes < 60)
        {
            return $"{(int)Math.Round(s.TotalMinutes)} min";
        }

        if (s.TotalHours < 48)
        {
            var minutes = s.Minutes;
            return minutes == 0 ? $"{(int)s.TotalHours} h" : $"{(int)s.TotalHours} h {minutes} min";
        }

        return $"{s.TotalDays:0.#} days";
    }
}
