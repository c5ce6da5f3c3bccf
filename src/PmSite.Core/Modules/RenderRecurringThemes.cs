using System.Collections.Immutable;
using System.Globalization;
using PmSite.Pipelines;
using PmSite.Related;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>A recurring theme as pages show it.</summary>
public sealed record RecurringThemeView(
    string Slug, string Title, string Url, IReadOnlyList<string> Terms, IReadOnlyList<LinkView> Services,
    string Span, IReadOnlyList<IncidentSummaryView> Incidents);

/// <summary>The <c>/recurring/</c> page: problems seen three or more times, with what they share.</summary>
public sealed class RenderRecurringThemes : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var site = context.Get<SiteRenderer>();
        var themes = FindRelatedIncidents.From(context).Themes.Select(t => View(t, site)).ToList();
        var page = site.Views.Page("Recurring themes", "recurring/", "recurring",
            "Problems seen three or more times: incidents whose text, services and tags are all alike.");
        return Task.FromResult(ImmutableArray.Create(site.Page("recurring", page, new { Themes = themes })));
    }

    public static RecurringThemeView View(RecurringTheme theme, SiteRenderer site)
    {
        static string Day(DateOnly? d) => d?.ToString("MMM yyyy", CultureInfo.InvariantCulture) ?? "?";
        var span = theme.First == theme.Last ? Day(theme.First) : $"{Day(theme.First)} – {Day(theme.Last)}";
        return new RecurringThemeView(
            theme.Slug,
            string.Join(", ", theme.Terms.Take(3)),
            site.Urls.Link("recurring/") + "#" + theme.Slug,
            theme.Terms,
            theme.Services.Select(s => new LinkView(s, site.Views.ServiceUrl(s))).ToList(),
            span,
            site.Views.Summaries(theme.Incidents));
    }
}
