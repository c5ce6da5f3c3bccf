using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PmSite.Modules;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Dashboards;

/// <summary>
/// The action-item dashboard at <c>/action-items/</c> (every item, counts, completion rates against the guide's targets,
/// summaries by priority, owner, service, category and post-mortem) and its exports <c>/action-items.json</c> and
/// <c>/action-items.csv</c>. Overdue is measured against the build date (<c>--now</c>).
/// </summary>
public sealed class RenderActionItems : IModule
{
    public const string PagePath = "action-items/";
    public const string JsonPath = "action-items.json";
    public const string CsvPath = "action-items.csv";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var views = site.Views;
        // The dashboard and its exports are made only when something they show changed: every action item and the
        // summary of the post-mortem it belongs to, in knowledge-base order (the page's description counts them too).
        // An item's line only orders the items of its post-mortem, so an edit above them, which moves them, changes nothing.
        // A session keeps what each post-mortem shows, whose hash is then kept too.
        var kept = context.Get<Incremental.BuildCache>().Views?.ActionItems;
        ConditionalWeakTable<Model.PostMortem, ActionItemsShown>.CreateValueCallback show = p => Shown(p, views);
        var shown = knowledgeBase.PostMortems.Select(p => kept is null ? show(p) : kept.GetValue(p, show)).ToList();
        var key = site.Cache is { } cache && Incremental.Fingerprint.Json(site.Settings) is { } settings && cache.Models.Of(shown) is { } hash
            ? cache.KeyOf("action-items", hash, settings, views.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture))
            : null;
        var dashboard = new Lazy<ActionItemDashboard>(() => ActionItemDashboard.Build(knowledgeBase, views.Now));
        // The counts alone (the dashboard's Overall, which do not depend on its order) for the page's description.
        var overall = ActionTally.Sum(shown.Select(s => s.Tally));
        var page = views.Page("Action items", PagePath, "action-items",
            $"Every action item across the post-mortems: {overall.Open} open, {overall.Overdue} overdue, completion rate {DashboardFormat.Percent(overall.CompletionRate)}.");
        return Task.FromResult(ImmutableArray.Create(
            site.Page("action-items", page, key, () => Model(dashboard.Value, views)),
            site.File(JsonPath, key is null ? null : key + "/json", output => ActionItemExport.WriteJson(dashboard.Value, views, output)),
            site.File(CsvPath, key is null ? null : key + "/csv", output => ActionItemExport.WriteCsv(dashboard.Value, views, output))));
    }

    private static ActionItemsShown Shown(Model.PostMortem postMortem, ViewFactory views) => new(
        views.Summary(postMortem),
        postMortem.ActionItems.OrderBy(a => a.Line).Select(a => a with { Line = 0 }).ToList(),
        ActionTally.Of(postMortem.ActionItems.Select(a => new ActionItemRow(postMortem, a, a.IsOverdue(views.Now)))));

    private static object Model(ActionItemDashboard dashboard, ViewFactory views)
    {
        var overall = dashboard.Overall;
        var high = dashboard.HighPriority;

        var figures = new List<FigureView>
        {
            new("Open", overall.Open.ToString(System.Globalization.CultureInfo.InvariantCulture), "not done and not dropped", Id: "open"),
            new("In progress", overall.InProgress.ToString(System.Globalization.CultureInfo.InvariantCulture), Id: "in-progress"),
            new("Done", overall.Done.ToString(System.Globalization.CultureInfo.InvariantCulture), Id: "done"),
            new("Overdue", overall.Overdue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"open, deadline before {DashboardFormat.Date(dashboard.Now)}", overall.Overdue == 0, "overdue"),
            new("Completion rate", DashboardFormat.Percent(overall.CompletionRate), "target: more than 90%",
                overall.CompletionRate is { } rate ? rate > ActionItemDashboard.CompletionTarget : null, "completion-rate"),
            new("High-priority completion", DashboardFormat.Percent(high.CompletionRate), "target: 100%",
                high.CompletionRate is { } highRate ? highRate >= ActionItemDashboard.HighPriorityTarget : null, "high-priority-completion-rate"),
            new("Items per post-mortem", DashboardFormat.Number(dashboard.ItemsPerPostMortem), "guide: 5 to 10",
                dashboard.ItemsPerPostMortem is { } perPm ? perPm is >= 5 and <= 10 : null, "items-per-post-mortem"),
        };

        var model = new
        {
            BuildDate = DashboardFormat.Date(dashboard.Now),
            BuildDateDisplay = DashboardFormat.LongDate(dashboard.Now),
            Total = overall.Total,
            PostMortems = dashboard.PostMortemCount,
            Figures = figures,
            Overall = DashboardFormat.Tally("All", null, overall),
            HighPriority = DashboardFormat.Tally("High", null, high),
            Rows = dashboard.Rows.Select(r => DashboardFormat.Row(r, views)).ToList(),
            ByPriority = dashboard.ByPriority.Select(g => DashboardFormat.Tally(g.Name, null, g.Tally)).ToList(),
            ByOwner = dashboard.ByOwner.Select(g => DashboardFormat.Tally(g.Name, null, g.Tally)).ToList(),
            ByService = dashboard.ByService.Select(g => DashboardFormat.Tally(g.Name,
                g.Name == ActionItemDashboard.Unassigned ? null : views.ServiceUrl(g.Name), g.Tally)).ToList(),
            ByCategory = dashboard.ByCategory.Select(g => DashboardFormat.Tally(g.Name, null, g.Tally)).ToList(),
            ByPostMortem = dashboard.ByPostMortem.Select(x => new { Incident = views.Summary(x.PostMortem), Tally = DashboardFormat.Tally(x.PostMortem.Id, views.Urls.Incident(x.PostMortem), x.Tally) }).ToList(),
            JsonUrl = views.Urls.Link(JsonPath),
            CsvUrl = views.Urls.Link(CsvPath),
            ScriptUrl = views.Urls.Link("assets/action-items.js"),
        };

        return model;
    }
}

/// <summary>
/// What the action-item dashboard shows of one post-mortem: its summary, its action items in the order the dashboard
/// lists them but without the lines that give it, and their counts on the build date.
/// </summary>
internal sealed record ActionItemsShown(IncidentSummaryView Incident, List<Model.ActionItem> Items, ActionTally Tally);
