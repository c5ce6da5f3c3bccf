using PmSite.Model;

namespace PmSite.Content;

/// <summary>A facet value (a tag, service, severity or year) and the post-mortems that carry it, newest first.</summary>
public sealed record FacetValue(string Name, string Slug, IReadOnlyList<PostMortem> PostMortems);

/// <summary>
/// Every valid post-mortem of the site and what is derived from all of them together:
/// lookup by id, backlinks and facets. Built once; every page pipeline reads it.
/// </summary>
public sealed class KnowledgeBase
{
    private readonly Dictionary<string, PostMortem> _byId;
    private readonly Dictionary<string, IReadOnlyList<PostMortem>> _backlinks;

    public KnowledgeBase(SiteSettings settings, IEnumerable<PostMortem> postMortems)
    {
        PostMortems = postMortems.OrderByDescending(p => p.Date ?? DateOnly.MinValue)
            .ThenByDescending(p => p.Year ?? 0)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        // Where pmsite.yml declares no severities, the vocabulary is the folder's own, most severe first.
        Settings = settings.SeveritiesDeclared ? settings : settings with
        {
            Severities = Parsing.SeverityScale.Order(PostMortems.Select(p => p.Severity).OfType<string>()),
            SeveritiesDeclared = true,
        };
        _byId = PostMortems.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);

        var backlinks = new Dictionary<string, SortedSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in PostMortems)
        {
            foreach (var target in source.Related.Concat(source.MentionedIds).Where(_byId.ContainsKey))
            {
                if (!string.Equals(target, source.Id, StringComparison.OrdinalIgnoreCase))
                {
                    (backlinks.TryGetValue(target, out var set) ? set : backlinks[target] = new SortedSet<string>(StringComparer.Ordinal)).Add(source.Id);
                }
            }
        }

        _backlinks = backlinks.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<PostMortem>)kv.Value.Select(id => _byId[id]).ToList(), StringComparer.OrdinalIgnoreCase);

        Tags = Group(p => p.Tags);
        Services = Group(p => p.Services);
        Severities = Settings.Severities
            .Select(s => new FacetValue(s, Slug.Of(s), PostMortems.Where(p => p.Severity == s).ToList()))
            .Where(f => f.PostMortems.Count > 0)
            .ToList();
        Years = PostMortems.Where(p => p.Year is not null)
            .GroupBy(p => p.Year!.Value)
            .OrderByDescending(g => g.Key)
            .Select(g => new FacetValue(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), g.ToList()))
            .ToList();
    }

    /// <summary>The site's settings, with the severities the folder uses when <c>pmsite.yml</c> declares none.</summary>
    public SiteSettings Settings { get; }

    /// <summary>Newest first; ties by id, so every page lists them in the same order on every build.</summary>
    public IReadOnlyList<PostMortem> PostMortems { get; }

    public IReadOnlyList<FacetValue> Tags { get; }

    public IReadOnlyList<FacetValue> Services { get; }

    /// <summary>In the order of <c>severities</c> in pmsite.yml, most severe first.</summary>
    public IReadOnlyList<FacetValue> Severities { get; }

    public IReadOnlyList<FacetValue> Years { get; }

    public PostMortem? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Post-mortems that list <paramref name="id"/> in <c>related</c> or mention it in their text.</summary>
    public IReadOnlyList<PostMortem> BacklinksOf(string id) => _backlinks.GetValueOrDefault(id) ?? [];

    private List<FacetValue> Group(Func<PostMortem, IEnumerable<string>> values) =>
        PostMortems.SelectMany(p => values(p).Select(v => (Value: v, PostMortem: p)))
            .GroupBy(x => x.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FacetValue(g.Key, Slug.Of(g.Key), g.Select(x => x.PostMortem).ToList()))
            .ToList();
}
