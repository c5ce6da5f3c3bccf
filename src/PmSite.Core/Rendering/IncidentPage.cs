using System.Globalization;
using PmSite.Model;
using PmSite.Related;

namespace PmSite.Rendering;

/// <summary>The model of an incident page template.</summary>
public sealed record IncidentPage(
    IncidentSummaryView Incident,
    DeferredHtml BodyHtml,
    IReadOnlyList<TocEntry> Toc,
    IReadOnlyList<string> Authors,
    IReadOnlyList<string> Reviewers,
    string? Published,
    string TimeToDetect,
    string TimeToResolve,
    string? TimeToPublish,
    string? SourcePath,
    string MetadataSource,
    IReadOnlyList<RelatedView> Related,
    int ActionCount,
    int ActionsOpen,
    int ActionsOverdue,
    int ActionsDone,
    bool ShowSummary,
    Modules.RecurringThemeView? RecurringTheme,
    string? OriginalPdf)
{
    public static IncidentPage Build(PostMortem p, RenderedBody body, RelatedIncidents related, SiteRenderer site)
    {
        var views = site.Views;
        // The same rules as the metrics page, so an incident's page and the trends agree.
        var times = Dashboards.IncidentTimes.Of(p);
        var toPublish = Dashboards.IncidentMetrics.TimeToPublishOf(p);
        return new IncidentPage(
            views.Summary(p),
            body.Html,
            body.Toc,
            p.Authors,
            p.Reviewers,
            p.Published?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ViewFactory.Duration(times.TimeToDetect),
            ViewFactory.Duration(times.TimeToResolve),
            toPublish is { } days ? (days.TotalDays == 1 ? "1 day" : $"{days.TotalDays:0} days") : null,
            views.IsPublic ? null : p.SourcePath,
            p.Source switch
            {
                Model.MetadataSource.FrontMatter => "front matter",
                Model.MetadataSource.TemplateHeader => "header lines",
                Model.MetadataSource.Pdf => "PDF document",
                _ => "inferred from file name and text",
            },
            related.Of(p).Select(r => new RelatedView(views.Summary(r.PostMortem), r.Reasons)).ToList(),
            p.ActionItems.Count,
            p.ActionItems.Count(a => a.IsOpen),
            p.ActionItems.Count(a => a.IsOverdue(views.Now)),
            p.ActionItems.Count(a => a.Status == ActionStatus.Done),
            // The summary box repeats nothing: it shows only when the body has no summary section of its own.
            p.SectionOf(SectionKind.Summary) is null,
            related.ThemeOf(p) is { } theme ? Modules.RenderRecurringThemes.View(theme, site) : null,
            // The public edition never has PDF post-mortems (none is visibility: public); never link a copy there.
            p.Source == Model.MetadataSource.Pdf && !views.IsPublic ? site.Urls.Link(Parsing.Pdf.PdfPostMortem.CopyPath(p)) : null);
    }
}
