using PmSite.Model;

namespace PmSite.Related;

/// <summary>
/// Text similarity between post-mortems: TF-IDF vectors over title, summary, root cause, tags and services
/// (Lucene's English analysis), compared by cosine. To stay fast at tens of thousands of post-mortems it never
/// compares all pairs: each vector keeps its strongest terms, and candidates come from an inverted index of
/// those terms, skipping terms so common they say nothing. Work per post-mortem is bounded by
/// <see cref="MaxTermsPerDocument"/> × the longest posting list kept.
/// </summary>
public sealed class SimilarityIndex : ISimilarIncidents
{
    /// <summary>Terms kept per post-mortem: its most distinctive ones.</summary>
    public const int MaxTermsPerDocument = 32;

    /// <summary>Marks the opaque service terms, which reasons name as "shared service", not as similar words.</summary>
    private const string ServicePrefix = "service:";

    /// <summary>Neighbours kept per post-mortem, for pages and for recurrence grouping.</summary>
    private const int KeptNeighbours = 20;

    private readonly IReadOnlyList<PostMortem> _documents;
    private readonly Dictionary<string, int> _index;
    private readonly (int Term, double Weight)[][] _vectors;
    private readonly string[] _surfaces;
    private readonly (int Document, double Score)[][] _neighbours;

    private SimilarityIndex(IReadOnlyList<PostMortem> documents, (int, double)[][] vectors, string[] surfaces, (int, double)[][] neighbours)
    {
        _documents = documents;
        _index = documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.OrdinalIgnoreCase);
        _vectors = vectors;
        _surfaces = surfaces;
        _neighbours = neighbours;
    }

    /// <summary>Similarity at or above which an incident is listed as similar on a page.</summary>
    public double Threshold { get; init; } = 0.2;

    /// <summary>At most this many similar incidents per page.</summary>
    public int MaxSimilar { get; init; } = 5;

    public static SimilarityIndex Build(IReadOnlyList<PostMortem> documents)
    {
        using var extractor = new TermExtractor();
        var counts = new Dictionary<string, double>[documents.Count];
        var surfaces = new Dictionary<string, string>[documents.Count];
        Parallel.For(0, documents.Count, i =>
        {
            (counts[i], surfaces[i]) = Terms(documents[i], extractor);
        });

        // Term ids in order of first appearance, so everything downstream is deterministic.
        var termIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var surfaceVotes = new List<Dictionary<string, int>>();
        var documentFrequency = new List<int>();
        for (var i = 0; i < documents.Count; i++)
        {
            foreach (var term in counts[i].Keys.Order(StringComparer.Ordinal))
            {
                if (!termIds.TryGetValue(term, out var id))
                {
                    termIds[term] = id = surfaceVotes.Count;
                    surfaceVotes.Add(new Dictionary<string, int>(StringComparer.Ordinal));
                    documentFrequency.Add(0);
                }

                documentFrequency[id]++;
                var votes = surfaceVotes[id];
                votes[surfaces[i][term]] = votes.GetValueOrDefault(surfaces[i][term]) + 1;
            }
        }

        // The word most post-mortems use for a stem is the one reasons show ("connection", not "connect").
        var surfaceOf = surfaceVotes.Select(v => v.OrderByDescending(x => x.Value).ThenBy(x => x.Key, StringComparer.Ordinal).First().Key).ToList();

        var n = documents.Count;
        var vectors = new (int, double)[n][];
        Parallel.For(0, n, i =>
        {
            // A term no other post-mortem has cannot relate two of them; keeping it would only dilute the rest.
            var weighted = counts[i]
                .Select(kv => (Term: termIds[kv.Key], Count: kv.Value))
                .Where(t => documentFrequency[t.Term] >= 2)
                .Select(t => (t.Term, Weight: (1 + Math.Log(t.Count)) * Math.Log(1 + ((double)n / documentFrequency[t.Term]))))
                .OrderByDescending(t => t.Weight)
                .ThenBy(t => t.Term)
                .Take(MaxTermsPerDocument)
                .ToArray();
            var norm = Math.Sqrt(weighted.Sum(t => t.Weight * t.Weight));
            vectors[i] = norm == 0 ? [] : weighted.Select(t => (t.Term, t.Weight / norm)).OrderBy(t => t.Term).ToArray();
        });

        var postings = new List<(int Document, double Weight)>[surfaceOf.Count];
        for (var i = 0; i < n; i++)
        {
            foreach (var (term, weight) in vectors[i])
            {
                (postings[term] ??= []).Add((i, weight));
            }
        }

        // A term in more than this many vectors is too common to suggest a relation (and too costly to follow).
        var maxPostings = Math.Max(16, n / 20);
        var neighbours = new (int, double)[n][];
        Parallel.For(0, n, () => new double[n], (i, _, scores) =>
        {
            var touched = new List<int>();
            foreach (var (term, weight) in vectors[i])
            {
                var list = postings[term];
                if (list.Count > maxPostings)
                {
                    continue;
                }

                foreach (var (other, otherWeight) in list)
                {
                    if (other == i)
                    {
                        continue;
                    }

                    if (scores[other] == 0)
                    {
                        touched.Add(other);
                    }

                    scores[other] += weight * otherWeight;
                }
            }

            neighbours[i] = touched.Select(o => (o, Math.Round(scores[o], 6)))
                .OrderByDescending(x => x.Item2)
                .ThenBy(x => x.o)
                .Take(KeptNeighbours)
                .ToArray();
            foreach (var o in touched)
            {
                scores[o] = 0;
            }

            return scores;
        }, _ => { });

        return new SimilarityIndex(documents, vectors, surfaceOf.ToArray(), neighbours);
    }

    public IReadOnlyList<SimilarIncident> Of(PostMortem postMortem)
    {
        if (!_index.TryGetValue(postMortem.Id, out var i))
        {
            return [];
        }

        // One shared word is a coincidence, not a similar incident.
        return _neighbours[i]
            .Where(n => n.Score >= Threshold)
            .Select(n => new SimilarIncident(_documents[n.Document], n.Score, SharedTerms(i, n.Document, 3)))
            .Where(s => s.Terms.Count >= 2)
            .Take(MaxSimilar)
            .ToList();
    }

    /// <summary>Similarity of two post-mortems when one is among the other's kept neighbours; else 0.</summary>
    public double Score(int a, int b)
    {
        foreach (var (document, score) in _neighbours[a])
        {
            if (document == b)
            {
                return score;
            }
        }

        foreach (var (document, score) in _neighbours[b])
        {
            if (document == a)
            {
                return score;
            }
        }

        return 0;
    }

    internal IReadOnlyList<PostMortem> Documents => _documents;

    internal IReadOnlyList<(int Document, double Score)> NeighboursOf(int document) => _neighbours[document];

    /// <summary>The words two post-mortems share that weigh most in both.</summary>
    internal IReadOnlyList<string> SharedTerms(int a, int b, int count)
    {
        var other = _vectors[b].ToDictionary(t => t.Term, t => t.Weight);
        return _vectors[a].Where(t => other.ContainsKey(t.Term) && !_surfaces[t.Term].StartsWith(ServicePrefix, StringComparison.Ordinal))
            .OrderByDescending(t => t.Weight * other[t.Term])
            .ThenBy(t => t.Term)
            .Take(count)
            .Select(t => _surfaces[t.Term])
            .ToList();
    }

    /// <summary>The strongest terms of a group: weight summed over members, counting only terms most members share.</summary>
    internal IReadOnlyList<string> CommonTerms(IReadOnlyList<int> members, int count)
    {
        var needed = Math.Max(2, (int)Math.Ceiling(members.Count * 2 / 3.0));
        return members.SelectMany(m => _vectors[m])
            .GroupBy(t => t.Term)
            .Where(g => g.Count() >= needed)
            .OrderByDescending(g => g.Sum(t => t.Weight))
            .ThenBy(g => g.Key)
            .Select(g => _surfaces[g.Key])
            .Where(w => !w.StartsWith(ServicePrefix, StringComparison.Ordinal))
            .Take(count)
            .ToList();
    }

    /// <summary>"See INC-1003" says the two are linked (a reason of its own), not that they are alike.</summary>
    private static string WithoutIds(string text) => Parsing.IncidentMentions.Candidate().Replace(text, " ");

    private static (Dictionary<string, double>, Dictionary<string, string>) Terms(PostMortem p, TermExtractor extractor)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        var surfaces = new Dictionary<string, string>(StringComparer.Ordinal);
        // The words of a post-mortem's own service names are left out of its text: sharing a service is a reason
        // of its own, and text similarity is there to find the same problem in other services.
        var serviceWords = extractor.Stems(string.Join(' ', p.Services).Replace('-', ' '));
        extractor.AddTerms(WithoutIds(p.Title), 3, counts, surfaces, serviceWords);
        extractor.AddTerms(WithoutIds(p.Summary ?? ""), 2, counts, surfaces, serviceWords);
        foreach (var section in p.Sections.Where(s => s.Kind == SectionKind.RootCause))
        {
            extractor.AddTerms(WithoutIds(section.Text), 1, counts, surfaces, serviceWords);
        }

        foreach (var tag in p.Tags)
        {
            extractor.AddTerms(tag.Replace('-', ' '), 2, counts, surfaces, serviceWords);
        }

        // A shared service hints at a relation but is not a similar problem: one opaque, light term each.
        foreach (var service in p.Services)
        {
            var term = ServicePrefix + service;
            counts[term] = counts.GetValueOrDefault(term) + 0.5;
            surfaces.TryAdd(term, term);
        }

        return (counts, surfaces);
    }
}
