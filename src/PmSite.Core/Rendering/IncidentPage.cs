using System.Globalization;
using PmSite.Content;
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
    string? SourcePath,
    string MetadataSource,
    IReadOnlyList<RelatedView> Related,
    int ActionCount,
    int ActionsOpen,
    int ActionsOverdue,
    int ActionsDone)
{
    public static IncidentPage Build(PostMortem p, RenderedBody body, KnowledgeBase knowledgeBase, RelatedIncidents related, ViewFactory views)
    {
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
            views.IsPublic ? null : p.SourcePath,
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
            p.ActionItems.Count(a => a.Status == ActionStatus.Done));
    }
}
