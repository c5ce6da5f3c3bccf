using System.Collections.Immutable;
using PmSite.Model;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>The home page: search box, counts, recent post-mortems, facets and reading lists.</summary>
public sealed class RenderHomePage : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var lists = context.OutputsOf(SitePipelines.ReadingLists)
            .Select(d => d.Get<ReadingListLink>(RenderReadingLists.LinkKey))
            .OfType<ReadingListLink>()
            .ToList();
        var all = knowledgeBase.PostMortems;
        var actions = all.SelectMany(p => p.ActionItems).ToList();
        var model = new
        {
            Recent = site.Views.Summaries(all.Take(10)),
            Total = all.Count,
            Published = all.Count(p => p.Status == "Published"),
            NearMisses = all.Count(p => p.NearMiss),
            OpenActions = actions.Count(a => a.IsOpen),
            OverdueActions = actions.Count(a => a.IsOverdue(site.Views.Now)),
            Severities = knowledgeBase.Severities.Select(v => site.Views.Facet(v, slug => $"severity/{slug}/")).ToList(),
            Services = knowledgeBase.Services.OrderByDescending(v => v.PostMortems.Count).ThenBy(v => v.Name, StringComparer.Ordinal).Take(12)
                .Select(v => site.Views.Facet(v, SiteUrls.ServicePath)).ToList(),
            Tags = knowledgeBase.Tags.OrderByDescending(v => v.PostMortems.Count).ThenBy(v => v.Name, StringComparer.Ordinal).Take(24)
                .Select(v => site.Views.Facet(v, SiteUrls.TagPath)).ToList(),
            Years = knowledgeBase.Years.Select(v => site.Views.Facet(v, slug => $"years/{slug}/")).ToList(),
            ReadingLists = lists,
            HistoryWeek = Dashboards.IncidentHistory.WeekOf(site.Views.Now),
            History = Dashboards.IncidentHistory.SameWeek(knowledgeBase, site.Views.Now)
                .Select(h => new { Ago = Dashboards.IncidentHistory.Ago(h.YearsAgo), Incident = site.Views.Summary(h.PostMortem) }).ToList(),
            ActionItemsUrl = site.Urls.Link(Dashboards.RenderActionItems.PagePath),
            MetricsUrl = site.Urls.Link(Dashboards.RenderMetrics.PagePath),
        };
        var page = site.Views.Page(knowledgeBase.Settings.Title, "", "home");
        return Task.FromResult(ImmutableArray.Create(site.Page("home", page, model)));
    }
}
