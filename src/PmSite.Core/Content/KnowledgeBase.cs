using PmSite.Model;

namespace PmSite.Content;

/// <summary>A facet value (a tag, service, severity or year) and the post-mortems that carry it, newest first.</summary>
public sealed record FacetValue(string Name, string Slug, IReadOnlyList<PostMortem> PostMortems);

/// <summary>
/// Two facet values whose names give the same slug: <see cref="Value"/> got <see cref="Slug"/>, a suffixed one, and
/// <see cref="Other"/> the natural one. <see cref="PostMortem"/> is the first post-mortem carrying <see cref="Value"/>.
/// </summary>
public sealed record FacetCollision(string Kind, string Value, string Other, string Slug, PostMortem PostMortem);

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

        var collisions = new List<FacetCollision>();
        Tags = WithSlugs("tag", Group(p => p.Tags), collisions);
        Services = WithSlugs("service", Group(p => p.Services), collisions);
        Severities = WithSlugs("severity", Settings.Severities
            .Select(s => new FacetValue(s, "", PostMortems.Where(p => p.Severity == s).ToList()))
            .Where(f => f.PostMortems.Count > 0)
            .ToList(), collisions);
        Collisions = collisions;
        Slugs = new FacetSlugs(Tags, Services, Severities);
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

    /// <summary>The page of each tag, service and severity, for every link to it.</summary>
    public FacetSlugs Slugs { get; }

    /// <summary>Facet values that would have shared a page with another and got a slug of their own.</summary>
    public IReadOnlyList<FacetCollision> Collisions { get; }

    public PostMortem? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Post-mortems that list <paramref name="id"/> in <c>related</c> or mention it in their text.</summary>
    public IReadOnlyList<PostMortem> BacklinksOf(string id) => _backlinks.GetValueOrDefault(id) ?? [];

    private List<FacetValue> Group(Func<PostMortem, IEnumerable<string>> values) =>
        PostMortems.SelectMany(p => values(p).Select(v => (Value: v, PostMortem: p)))
            .GroupBy(x => x.Value, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new FacetValue(g.Key, "", g.Select(x => x.PostMortem).ToList()))
            .ToList();

    /// <summary>
    /// Gives each value its slug, every one distinct. Of values sharing a natural slug, the one that is its own slug
    /// ("p-1" rather than "p 1") keeps it, else the first by name; the others take the first free "-2", "-3"… Depends on
    /// the names only, so every build gives the same pages.
    /// </summary>
    private static List<FacetValue> WithSlugs(string kind, List<FacetValue> values, List<FacetCollision> collisions)
    {
        var natural = values.Select(v => Slug.OfFacet(v.Name)).ToList();
        var taken = new HashSet<string>(natural, StringComparer.Ordinal);
        var owner = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            if (!owner.TryGetValue(natural[i], out var first) || (values[i].Name == natural[i] && values[first].Name != natural[first]))
            {
                owner[natural[i]] = i;
            }
        }

        var result = new List<FacetValue>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var slug = natural[i];
            if (owner[slug] != i)
            {
                var n = 2;
                while (!taken.Add($"{natural[i]}-{n}"))
                {
                    n++;
                }

                slug = $"{natural[i]}-{n}";
                collisions.Add(new FacetCollision(kind, values[i].Name, values[owner[natural[i]]].Name, slug, values[i].PostMortems[0]));
            }

            result.Add(values[i] with { Slug = slug });
        }

        return result;
    }
}

/// <summary>The slug of each tag, service and severity of the site; a value the site does not know gets its natural slug.</summary>
public sealed class FacetSlugs
{
    private readonly Dictionary<string, string> _tags;
    private readonly Dictionary<string, string> _services;
    private readonly Dictionary<string, string> _severities;

    internal FacetSlugs(IEnumerable<FacetValue> tags, IEnumerable<FacetValue> services, IEnumerable<FacetValue> severities)
    {
        _tags = tags.ToDictionary(v => v.Name, v => v.Slug, StringComparer.Ordinal);
        _services = services.ToDictionary(v => v.Name, v => v.Slug, StringComparer.Ordinal);
        _severities = severities.ToDictionary(v => v.Name, v => v.Slug, StringComparer.Ordinal);
    }

    /// <summary>No value known: every value its natural slug.</summary>
    public static FacetSlugs Natural { get; } = new([], [], []);

    public string Tag(string name) => _tags.GetValueOrDefault(name) ?? Slug.OfFacet(name);

    public string Service(string name) => _services.GetValueOrDefault(name) ?? Slug.OfFacet(name);

    public string Severity(string name) => _severities.GetValueOrDefault(name) ?? Slug.OfFacet(name);
}
