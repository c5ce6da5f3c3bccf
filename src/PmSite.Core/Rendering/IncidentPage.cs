using System.Globalization;
using PmSite.Model;
using PmSite.Related;

namespace PmSite.Rendering;

/// <summary>The model of an incident page template.</summary>
public sealed record IncidentPage(
    IncidentSummaryView Incident,
    string BodyHtml,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Reviewers,
    string? Published,
    string TimeToDetect,
    string TimeToResolve,
    string? TimeToPublish,
    string SourcePath,
    string MetadataSource,
    IReadOnlyList<RelatedView> Related,
    int ActionCount,
    int ActionsOpen,
    int ActionsOverdue,
    int ActionsDone,
    bool ShowSummary,
    Modules.RecurringThemeView? RecurringTheme)
{
    public static IncidentPage Build(PostMortem p, RenderedBody body, RelatedIncidents related, SiteRenderer site)
    {
        var views = site.Views;
        var detect = p.Detected is { } d && p.Timeline.FirstOrDefault(t => t.Timestamp is not null)?.Timestamp is { } first
            && d.UtcDateTime >= first ? d.UtcDateTime - first : p.StatedTimeToDetect;
        return new IncidentPage(
            views.Summary(p),
            body.Html,
            body.Toc,
            p.Authors,
            p.Reviewers,
            p.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ViewFactory.Duration(detect),
            ViewFactory.Duration(p.TimeToResolve),
            p.Published is { } published && p.Date is { } date ? $"{published.DayNumber - date.DayNumber} days" : null,
            p.SourcePath,
            p.Source switch
            {
                Model.MetadataSource.FrontMatter => "front matter",
                Model.MetadataSource.TemplateHeader => "template header",
                _ => "inferred from file name and text",
            },
            related.Of(p).Select(r => new RelatedView(views.Summary(r.PostMortem), r.Reasons)).ToList(),
            p.ActionItems.Count,
            p.ActionItems.Count(a => a.IsOpen),
            p.ActionItems.Count(a => a.IsOverdue(views.Now)),
            p.ActionItems.Count(a => a.Status == ActionStatus.Done),
            // The summary box repeats nothing: it shows only when the body has no summary section of its own.
            p.SectionOf(SectionKind.Summary) is null,
            related.ThemeOf(p) is { } theme ? Modules.RenderRecurringThemes.View(theme, site) : null);
    }
}
