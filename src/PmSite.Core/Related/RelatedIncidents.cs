using System.Runtime.CompilerServices;
using PmSite.Content;
using PmSite.Model;

namespace PmSite.Related;

/// <summary>A related incident and why it is related ("linked by author", "links here", "shared service: x").</summary>
public sealed record RelatedIncident(PostMortem PostMortem, IReadOnlyList<string> Reasons);

/// <summary>
/// The related incidents of each post-mortem: the ones its author listed, the ones that link to it,
/// and the most similar ones by text (computed once for the whole knowledge base).
/// </summary>
/// <remarks>
/// In a serve session (<paramref name="kept"/>), a post-mortem found related to the same post-mortem objects for the same
/// reasons as in the build before keeps its list: the same objects, which views and page keys compare by reference.
/// </remarks>
public sealed class RelatedIncidents(
    KnowledgeBase knowledgeBase, ISimilarIncidents similar, IReadOnlyList<RecurringTheme> themes,
    ConditionalWeakTable<PostMortem, KeptRelated>? kept = null)
{
    private readonly Dictionary<string, RecurringTheme> _themeOf = themes
        .SelectMany(t => t.Incidents.Select(p => (p.Id, Theme: t)))
        .ToDictionary(x => x.Id, x => x.Theme, StringComparer.OrdinalIgnoreCase);

    /// <summary>Recurring themes, largest first.</summary>
    public IReadOnlyList<RecurringTheme> Themes => themes;

    /// <summary>The recurring theme an incident belongs to, if any.</summary>
    public RecurringTheme? ThemeOf(PostMortem postMortem) => _themeOf.GetValueOrDefault(postMortem.Id);

    // Incident pages, their cache keys and the metrics all ask for the same lists.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PostMortem, IReadOnlyList<RelatedIncident>> _of = new();

    public IReadOnlyList<RelatedIncident> Of(PostMortem postMortem) => _of.GetOrAdd(postMortem, Find);

    private IReadOnlyList<RelatedIncident> Find(PostMortem postMortem)
    {
        // Who is related and why, before shared services and tags (which follow from the post-mortems themselves).
        var found = new List<(PostMortem Other, string Reason)>();
        foreach (var id in postMortem.Related)
        {
            if (knowledgeBase.Find(id) is { } other)
            {
                found.Add((other, "linked by author"));
            }
        }

        foreach (var other in knowledgeBase.BacklinksOf(postMortem.Id))
        {
            found.Add((other, "links here"));
        }

        foreach (var match in similar.Of(postMortem))
        {
            found.Add((match.PostMortem, "similar" + (match.Terms.Count > 0 ? ": " + string.Join(", ", match.Terms) : "")));
        }

        if (kept is not null && kept.TryGetValue(postMortem, out var before) && before.IsFor(found))
        {
            return before.Incidents;
        }

        var reasons = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<PostMortem>();
        foreach (var (other, reason) in found)
        {
            if (string.Equals(other.Id, postMortem.Id, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!reasons.TryGetValue(other.Id, out var list))
            {
                reasons[other.Id] = list = [];
                order.Add(other);
            }

            if (!list.Contains(reason))
            {
                list.Add(reason);
            }
        }

        // Shared services and tags explain every link, whatever found it.
        foreach (var other in order)
        {
            var services = postMortem.Services.Intersect(other.Services, StringComparer.Ordinal).ToList();
            if (services.Count > 0)
            {
                reasons[other.Id].Add((services.Count == 1 ? "shared service: " : "shared services: ") + string.Join(", ", services));
            }

            var tags = postMortem.Tags.Intersect(other.Tags, StringComparer.Ordinal).ToList();
            if (tags.Count > 0)
            {
                reasons[other.Id].Add((tags.Count == 1 ? "shared tag: " : "shared tags: ") + string.Join(", ", tags));
            }
        }

        var incidents = order.Select(p => new RelatedIncident(p, reasons[p.Id])).ToList();
        kept?.AddOrUpdate(postMortem, new KeptRelated(found, incidents));
        return incidents;
    }
}

/// <summary>A post-mortem's related incidents as a session keeps them, with who was found related and why.</summary>
public sealed record KeptRelated(IReadOnlyList<(PostMortem Other, string Reason)> Found, IReadOnlyList<RelatedIncident> Incidents)
{
    public bool IsFor(List<(PostMortem Other, string Reason)> found)
    {
        if (found.Count != Found.Count)
        {
            return false;
        }

        for (var i = 0; i < found.Count; i++)
        {
            if (!ReferenceEquals(found[i].Other, Found[i].Other) || found[i].Reason != Found[i].Reason)
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>A similar incident and the terms it shares with the one it is similar to.</summary>
public sealed record SimilarIncident(PostMortem PostMortem, double Score, IReadOnlyList<string> Terms);

/// <summary>Finds the post-mortems most similar to one by their text.</summary>
public interface ISimilarIncidents
{
    IReadOnlyList<SimilarIncident> Of(PostMortem postMortem);
}
