using System.Collections.Concurrent;
using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Pipelines;
using PmSite.Rendering;

namespace PmSite.Modules;

/// <summary>
/// A page per tag, service, severity and year, and an index page for each facet. Each list also exists in a second
/// order, server-rendered so it works without JavaScript: a facet page newest first (<c>tags/x/</c>) and most severe
/// first (<c>tags/x/by-severity.html</c>); an index by name (<c>tags/</c>) and by count (<c>tags/by-count.html</c>).
/// The alternative orders are files, not folders, so no tag or service slug can collide with them; they point their
/// canonical link at the default order and stay out of the sitemap.
/// </summary>
public sealed class RenderFacetPages : IModule
{
    public const string BySeverity = "by-severity.html";
    public const string ByCount = "by-count.html";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        var site = context.Get<SiteRenderer>();
        var facets = new (string Kind, string Title, string Singular, IReadOnlyList<FacetValue> Values, Func<string, string> Path, string NameOrder)[]
        {
            ("tags", "Tags", "Tag", knowledgeBase.Tags, SiteUrls.TagPath, "Name"),
            ("services", "Services", "Service", knowledgeBase.Services, SiteUrls.ServicePath, "Name"),
            ("severity", "Severity", "Severity", knowledgeBase.Severities, SiteUrls.SeverityPath, "Most severe first"),
            ("years", "Years", "Year", knowledgeBase.Years, slug => $"years/{slug}/", "Newest first"),
        };

        var work = facets.SelectMany(f => f.Values.Select(v => (Facet: f, Value: (FacetValue?)v)).Prepend((f, null))).ToList();
        var pages = new Document[work.Count][];
        // A preview session's model hashes of the previous build's facet pages; this build's replace them.
        var views = context.Get<BuildCache>().Views;
        var previous = views?.FacetPages;
        var kept = views is null ? null : new ConcurrentDictionary<string, FacetPageHash>(StringComparer.Ordinal);
        Parallel.For(0, work.Count, new ParallelOptions { CancellationToken = context.CancellationToken }, i =>
        {
            var (facet, value) = work[i];
            if (value is null)
            {
                var path = facet.Kind + "/";
                var byName = facet.Values.Select(v => site.Views.Facet(v, facet.Path)).ToList();
                var byCount = byName.OrderByDescending(l => l.Count).ToList(); // stable: ties keep the name order
                var sorts = new Func<bool, IReadOnlyList<SortLinkView>>(countFirst =>
                [
                    new(facet.NameOrder, site.Urls.Link(path), !countFirst),
                    new("Most post-mortems first", site.Urls.Link(path + ByCount), countFirst),
                ]);
                var description = $"Post-mortems by {facet.Singular.ToLowerInvariant()}.";
                var page = site.Views.Page(facet.Title, path, "facet-index", description);
                pages[i] =
                [
                    site.Page("facet-index", page, new { Kind = facet.Kind, Title = facet.Title, Values = byName, Sorts = sorts(false) }),
                    Alternative(site.Page("facet-index", site.Views.Page(facet.Title, path + ByCount, "facet-index", description) with { Canonical = page.Canonical },
                        new { Kind = facet.Kind, Title = facet.Title, Values = byCount, Sorts = sorts(true) })),
                ];
            }
            else
            {
                var path = facet.Path(value.Slug);
                var title = $"{facet.Singular}: {value.Name}";
                var description = $"{value.PostMortems.Count} post-mortems with {facet.Singular.ToLowerInvariant()} {value.Name}.";
                var page = site.Views.Page(title, path, "facet", description);
                var view = new Lazy<FacetView>(() => new FacetView(facet.Kind, facet.Title, value.Name, site.Urls.Link(facet.Kind + "/"), site.Views.Summaries(value.PostMortems))
                {
                    SeverityMix = SeverityMix(value.PostMortems, knowledgeBase.Settings, site),
                });
                if (facet.Kind == "severity")
                {
                    pages[i] = [FacetPage(site, page, value, () => view.Value, previous, kept)];
                    return;
                }

                var sorts = new Func<bool, IReadOnlyList<SortLinkView>>(severityFirst =>
                [
                    new("Newest first", site.Urls.Link(path), !severityFirst),
                    new("Most severe first", site.Urls.Link(path + BySeverity), severityFirst),
                ]);
                pages[i] =
                [
                    FacetPage(site, page, value, () => view.Value with { Sorts = sorts(false) }, previous, kept),
                    Alternative(FacetPage(site, site.Views.Page(title, path + BySeverity, "facet", description) with { Canonical = page.Canonical }, value,
                        () => view.Value with
                        {
                            Incidents = site.Views.Summaries(value.PostMortems.OrderBy(p => knowledgeBase.Settings.SeverityRank(p.Severity))),
                            Sorts = sorts(true),
                            Order = "most severe first, then newest",
                        },
                        previous, kept)),
                ];
            }
        });

        if (views is not null)
        {
            views.FacetPages = kept!;
        }

        return Task.FromResult(pages.SelectMany(p => p).ToImmutableArray());
    }

    /// <summary>
    /// A facet page. In a preview session its model's hash is kept with the post-mortems it was made from: while the same
    /// ones come back (an unchanged post-mortem is the same object, with the same summary view), so does the hash, and the
    /// model is made only if the page must be rendered. Everything else the model shows follows from the page's path and
    /// the value's name, under the views the hashes are kept for.
    /// </summary>
    private static Document FacetPage(SiteRenderer site, PageView page, FacetValue value, Func<FacetView> model,
        IReadOnlyDictionary<string, FacetPageHash>? previous, ConcurrentDictionary<string, FacetPageHash>? kept)
    {
        if (kept is null || site.Cache is not { } cache)
        {
            return site.Page("facet", page, model());
        }

        if (previous?.GetValueOrDefault(page.Path) is not { } known || !known.IsFor(value))
        {
            var made = model();
            if (cache.Models.Of(made) is not { } hash)
            {
                return site.Page("facet", page, made);
            }

            known = new FacetPageHash(value.Name, [.. value.PostMortems], hash);
        }

        kept[page.Path] = known;
        return site.Page("facet", page, cache.KeyOfHashed("facet", page, known.Hash), model);
    }

    /// <summary>Another order of a page: same content, canonical link to the default order, not in the sitemap.</summary>
    private static Document Alternative(Document document) => document with { Metadata = document.Metadata.Remove(SiteRenderer.SitemapEntry) };

    /// <summary>Counts per severity, in the order of <c>severities</c> (unknown ones last, as "unspecified").</summary>
    private static List<LinkView> SeverityMix(IReadOnlyList<PostMortem> postMortems, SiteSettings settings, SiteRenderer site) =>
        [.. postMortems.GroupBy(p => settings.SeverityRank(p.Severity))
            .OrderBy(g => g.Key)
            .Select(g => g.Key < settings.Severities.Count
                ? new LinkView(settings.Severities[g.Key], site.Views.SeverityUrl(settings.Severities[g.Key]), g.Count())
                : new LinkView("unspecified", "", g.Count()))];
}
