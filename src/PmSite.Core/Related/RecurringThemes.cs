using PmSite.Model;

namespace PmSite.Related;

/// <summary>A problem seen three or more times: incidents that are all similar to each other.</summary>
public sealed record RecurringTheme(
    string Slug,
    IReadOnlyList<PostMortem> Incidents,
    IReadOnlyList<string> Terms,
    IReadOnlyList<string> Services,
    DateOnly? First,
    DateOnly? Last);

/// <summary>
/// Groups mutually similar incidents into recurring themes ("third occurrence of a similar problem", as the
/// guide puts it). Complete linkage over the similarity index's neighbour lists: two groups merge only when
/// every pair across them is similar, so a chain of loosely related incidents never becomes one theme.
/// </summary>
public static class RecurringThemes
{
    public const int MinimumSize = 3;

    public static IReadOnlyList<RecurringTheme> Find(SimilarityIndex index, double threshold = 0.2)
    {
        var documents = index.Documents;
        var groupOf = Enumerable.Range(0, documents.Count).ToArray();
        var members = Enumerable.Range(0, documents.Count).ToDictionary(i => i, i => new List<int> { i });
        var edges = Enumerable.Range(0, documents.Count)
            .SelectMany(a => index.NeighboursOf(a).Where(n => n.Score >= threshold && a < n.Document).Select(n => (A: a, B: n.Document, n.Score)))
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.A)
            .ThenBy(e => e.B);
        foreach (var (a, b, _) in edges)
        {
            var ga = groupOf[a];
            var gb = groupOf[b];
            if (ga == gb || !members[ga].All(x => members[gb].All(y => index.Score(x, y) >= threshold)))
            {
                continue;
            }

            var (keep, drop) = ga < gb ? (ga, gb) : (gb, ga);
            foreach (var m in members[drop])
            {
                groupOf[m] = keep;
            }

            members[keep].AddRange(members[drop]);
            members.Remove(drop);
        }

        return members.Values
            .Where(g => g.Count >= MinimumSize)
            .Select(g => Theme(index, g))
            .OrderByDescending(t => t.Incidents.Count)
            .ThenByDescending(t => t.Last)
            .ThenBy(t => t.Slug, StringComparer.Ordinal)
            .ToList();
    }

    private static RecurringTheme Theme(SimilarityIndex index, List<int> group)
    {
        var incidents = group.Select(i => index.Documents[i])
            .OrderBy(p => p.Date ?? DateOnly.MaxValue)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        var terms = index.CommonTerms(group, 5);
        var services = incidents.SelectMany(p => p.Services.Distinct())
            .GroupBy(s => s, StringComparer.Ordinal)
            .Where(g => g.Count() >= 2)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.Key)
            .ToList();
        var dates = incidents.Where(p => p.Date is not null).Select(p => p.Date!.Value).ToList();
        var slug = Slug.Of(string.Join("-", terms.Take(3).DefaultIfEmpty(incidents[0].Id)));
        return new RecurringTheme(slug, incidents, terms, services, dates.Count > 0 ? dates.Min() : null, dates.Count > 0 ? dates.Max() : null);
    }
}
