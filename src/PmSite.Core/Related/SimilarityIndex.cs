using System.Runtime.InteropServices;
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

    // One worker per core: the thread pool adds threads to long loops, and each extra one only competes for the cores.
    private static readonly ParallelOptions s_cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    private readonly IReadOnlyList<PostMortem> _documents;
    private readonly Dictionary<string, int> _index;
    private readonly (int Term, double Weight)[][] _vectors;
    private readonly string[] _surfaces;
    private readonly (int Document, double Score)[][] _neighbours;

    // Each post-mortem's similar ones and the terms they share, worked out when first asked for; an index used again by a
    // session's next build shares them, as they follow from the vectors and neighbours alone.
    private readonly (int Document, double Score, IReadOnlyList<string> Terms)[]?[] _similar;

    private SimilarityIndex(
        IReadOnlyList<PostMortem> documents, (int, double)[][] vectors, string[] surfaces, (int, double)[][] neighbours,
        (int, double, IReadOnlyList<string>)[]?[]? similar = null)
    {
        _documents = documents;
        _index = documents.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.OrdinalIgnoreCase);
        _vectors = vectors;
        _surfaces = surfaces;
        _neighbours = neighbours;
        _similar = similar ?? new (int, double, IReadOnlyList<string>)[]?[documents.Count];
    }

    /// <summary>Similarity at or above which an incident is listed as similar on a page.</summary>
    public double Threshold { get; init; } = 0.2;

    /// <summary>At most this many similar incidents per page.</summary>
    public int MaxSimilar { get; init; } = 5;

    /// <param name="documents">The post-mortems, in the order of the knowledge base.</param>
    /// <param name="cache">What earlier builds of a preview session computed: each post-mortem's terms, and the last index,
    /// which is used again as it is when no post-mortem's terms changed.</param>
    public static SimilarityIndex Build(IReadOnlyList<PostMortem> documents, SimilarityCache? cache = null)
    {
        var n = documents.Count;
        var terms = new (string Term, double Count, string Surface)[n][];
        using (var extractor = new TermExtractor())
        {
            Parallel.For(0, n, s_cores, i => terms[i] = cache?.TermsOf(documents[i], p => Terms(p, extractor)) ?? Terms(documents[i], extractor));
        }

        // Everything below depends on the documents' terms alone: when none changed, neither did the result.
        if (cache?.Previous is { } previous && SameTerms(previous.Terms, terms))
        {
            var again = new SimilarityIndex(documents, previous.Index._vectors, previous.Index._surfaces, previous.Index._neighbours, previous.Index._similar)
            {
                Threshold = previous.Index.Threshold,
                MaxSimilar = previous.Index.MaxSimilar,
            };
            cache.Previous = (terms, again);
            return again;
        }

        var index = Compute(documents, terms);
        if (cache is not null)
        {
            cache.Previous = (terms, index);
        }

        return index;
    }

    private static bool SameTerms((string Term, double Count, string Surface)[][] before, (string Term, double Count, string Surface)[][] now)
    {
        if (before.Length != now.Length)
        {
            return false;
        }

        for (var i = 0; i < now.Length; i++)
        {
            if (!ReferenceEquals(before[i], now[i]) && !before[i].AsSpan().SequenceEqual(now[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static SimilarityIndex Compute(IReadOnlyList<PostMortem> documents, (string Term, double Count, string Surface)[][] terms)
    {
        var n = documents.Count;

        // Term ids in order of first appearance, so everything downstream is deterministic. Each core numbers the terms of
        // a run of post-mortems on its own; the runs are then joined in order, a run's new terms after those of the runs
        // before it, which gives every term the id a single pass would have given it.
        var runs = Enumerable.Range(0, Environment.ProcessorCount)
            .Select(r => (From: (int)((long)n * r / Environment.ProcessorCount), To: (int)((long)n * (r + 1) / Environment.ProcessorCount)))
            .ToArray();
        var numbered = new TermNumbering[runs.Length];
        var ids = new int[n][];
        Parallel.For(0, runs.Length, s_cores, r => numbered[r] = TermNumbering.Of(terms, ids, runs[r].From, runs[r].To));

        var all = TermNumbering.Join(numbered, out var toJoined);
        Parallel.For(0, runs.Length, s_cores, r =>
        {
            for (var i = runs[r].From; i < runs[r].To; i++)
            {
                for (var t = 0; t < ids[i].Length; t++)
                {
                    ids[i][t] = toJoined[r][ids[i][t]];
                }
            }
        });

        // The word most post-mortems use for a stem is the one reasons show ("connection", not "connect").
        var surfaceOf = all.SurfaceVotes.Select(MostVoted).ToArray();

        var vectors = new (int, double)[n][];
        Parallel.For(0, n, s_cores, i => vectors[i] = Vector(terms[i], ids[i], all.DocumentFrequency, n));

        var postings = new List<(int Document, double Weight)>[surfaceOf.Length];
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
        Parallel.For(0, n, s_cores, () => new NeighbourSearch(n), (i, _, search) =>
        {
            neighbours[i] = search.Run(i, vectors[i], postings, maxPostings);
            return search;
        }, _ => { });

        return new SimilarityIndex(documents, vectors, surfaceOf, neighbours);
    }

    /// <summary>Terms numbered in order of first appearance, with their document frequency and the votes for each surface.</summary>
    private sealed class TermNumbering
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);

        public List<string> Terms { get; } = [];

        public List<int> DocumentFrequency { get; } = [];

        public List<Dictionary<string, int>> SurfaceVotes { get; } = [];

        /// <summary>The term's id, numbering it after the others when it is new.</summary>
        private int IdOf(string term)
        {
            ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_ids, term, out var known);
            if (!known)
            {
                id = Terms.Count;
                Terms.Add(term);
                SurfaceVotes.Add(new Dictionary<string, int>(1, StringComparer.Ordinal));
                DocumentFrequency.Add(0);
            }

            return id;
        }

        /// <summary>Numbers the terms of post-mortems <paramref name="from"/> to <paramref name="to"/>, writing each one's term ids to <paramref name="ids"/>.</summary>
        public static TermNumbering Of((string Term, double Count, string Surface)[][] terms, int[][] ids, int from, int to)
        {
            var run = new TermNumbering();
            for (var i = from; i < to; i++)
            {
                ids[i] = new int[terms[i].Length];
                for (var t = 0; t < terms[i].Length; t++)
                {
                    var (term, _, surface) = terms[i][t];
                    var id = ids[i][t] = run.IdOf(term);
                    run.DocumentFrequency[id]++;
                    CollectionsMarshal.GetValueRefOrAddDefault(run.SurfaceVotes[id], surface, out _)++;
                }
            }

            return run;
        }

        /// <summary>
        /// The runs' terms numbered as one pass over all their post-mortems would have: each run's new terms after those of
        /// the runs before it. <paramref name="toJoined"/> gives, per run, each of its ids in the joined numbering.
        /// </summary>
        public static TermNumbering Join(TermNumbering[] runs, out int[][] toJoined)
        {
            var all = new TermNumbering();
            toJoined = new int[runs.Length][];
            for (var r = 0; r < runs.Length; r++)
            {
                var run = runs[r];
                toJoined[r] = new int[run.Terms.Count];
                for (var local = 0; local < run.Terms.Count; local++)
                {
                    var id = toJoined[r][local] = all.IdOf(run.Terms[local]);
                    all.DocumentFrequency[id] += run.DocumentFrequency[local];
                    foreach (var (surface, votes) in run.SurfaceVotes[local])
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(all.SurfaceVotes[id], surface, out _) += votes;
                    }
                }
            }

            return all;
        }
    }

    private static string MostVoted(Dictionary<string, int> votes)
    {
        var (best, most) = ("", 0);
        foreach (var (surface, count) in votes)
        {
            if (count > most || (count == most && string.CompareOrdinal(surface, best) < 0))
            {
                (best, most) = (surface, count);
            }
        }

        return best;
    }

    /// <summary>A post-mortem's TF-IDF vector: its strongest terms, normalised to length 1, in term order.</summary>
    private static (int, double)[] Vector((string Term, double Count, string Surface)[] terms, int[] ids, List<int> documentFrequency, int n)
    {
        // A term no other post-mortem has cannot relate two of them; keeping it would only dilute the rest.
        var weighted = new List<(int Term, double Weight)>(terms.Length);
        for (var t = 0; t < terms.Length; t++)
        {
            var df = documentFrequency[ids[t]];
            if (df >= 2)
            {
                weighted.Add((ids[t], (1 + Math.Log(terms[t].Count)) * Math.Log(1 + ((double)n / df))));
            }
        }

        weighted.Sort(static (a, b) => a.Weight != b.Weight ? b.Weight.CompareTo(a.Weight) : a.Term.CompareTo(b.Term));
        var kept = CollectionsMarshal.AsSpan(weighted)[..Math.Min(weighted.Count, MaxTermsPerDocument)];
        var sum = 0.0;
        foreach (var (_, weight) in kept)
        {
            sum += weight * weight;
        }

        var norm = Math.Sqrt(sum);
        if (norm == 0)
        {
            return [];
        }

        var vector = new (int Term, double Weight)[kept.Length];
        for (var t = 0; t < kept.Length; t++)
        {
            vector[t] = (kept[t].Term, kept[t].Weight / norm);
        }

        Array.Sort(vector, static (a, b) => a.Term.CompareTo(b.Term));
        return vector;
    }

    /// <summary>One thread's scratch space for finding neighbours: a score per post-mortem, reset after each search.</summary>
    private sealed class NeighbourSearch(int documents)
    {
        private readonly double[] _scores = new double[documents];
        private readonly List<int> _touched = [];
        private readonly (int Document, double Score)[] _best = new (int, double)[KeptNeighbours];

        public (int, double)[] Run(int document, (int Term, double Weight)[] vector, List<(int Document, double Weight)>[] postings, int maxPostings)
        {
            foreach (var (term, weight) in vector)
            {
                var list = postings[term];
                if (list.Count > maxPostings)
                {
                    continue;
                }

                foreach (var (other, otherWeight) in list)
                {
                    if (other == document)
                    {
                        continue;
                    }

                    if (_scores[other] == 0)
                    {
                        _touched.Add(other);
                    }

                    _scores[other] += weight * otherWeight;
                }
            }

            // The strongest few, best score first and ties by document, kept in order as they are found.
            var count = 0;
            foreach (var other in _touched)
            {
                var candidate = (Document: other, Score: Math.Round(_scores[other], 6));
                _scores[other] = 0;
                if (count == _best.Length && !Before(candidate, _best[^1]))
                {
                    continue;
                }

                var at = count == _best.Length ? count - 1 : count++;
                for (; at > 0 && Before(candidate, _best[at - 1]); at--)
                {
                    _best[at] = _best[at - 1];
                }

                _best[at] = candidate;
            }

            _touched.Clear();
            return _best[..count];
        }

        private static bool Before((int Document, double Score) a, (int Document, double Score) b) =>
            a.Score > b.Score || (a.Score == b.Score && a.Document < b.Document);
    }

    public IReadOnlyList<SimilarIncident> Of(PostMortem postMortem)
    {
        if (!_index.TryGetValue(postMortem.Id, out var i))
        {
            return [];
        }

        // One shared word is a coincidence, not a similar incident.
        var similar = _similar[i] ??= _neighbours[i]
            .Where(n => n.Score >= Threshold)
            .Select(n => (n.Document, n.Score, SharedTerms(i, n.Document, 3)))
            .Where(s => s.Item3.Count >= 2)
            .Take(MaxSimilar)
            .ToArray();
        return similar.Select(s => new SimilarIncident(_documents[s.Document], s.Score, s.Terms)).ToList();
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
        // Vectors are in term order: walk both at once.
        var (first, second) = (_vectors[a], _vectors[b]);
        var shared = new List<(int Term, double Weight)>();
        for (int i = 0, j = 0; i < first.Length && j < second.Length;)
        {
            if (first[i].Term < second[j].Term)
            {
                i++;
                continue;
            }

            if (first[i].Term > second[j].Term)
            {
                j++;
                continue;
            }

            if (!_surfaces[first[i].Term].StartsWith(ServicePrefix, StringComparison.Ordinal))
            {
                shared.Add((first[i].Term, first[i].Weight * second[j].Weight));
            }

            i++;
            j++;
        }

        shared.Sort(static (x, y) => x.Weight != y.Weight ? y.Weight.CompareTo(x.Weight) : x.Term.CompareTo(y.Term));
        return shared.Take(count).Select(t => _surfaces[t.Term]).ToList();
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

    /// <summary>A post-mortem's terms in ordinal order, each with its weighted count and the first word seen for it.</summary>
    private static (string Term, double Count, string Surface)[] Terms(PostMortem p, TermExtractor extractor)
    {
        var counts = new Dictionary<string, double>(128, StringComparer.Ordinal);
        var surfaces = new Dictionary<string, string>(128, StringComparer.Ordinal);
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

        var terms = new (string Term, double Count, string Surface)[counts.Count];
        var at = 0;
        foreach (var (term, count) in counts)
        {
            terms[at++] = (term, count, surfaces[term]);
        }

        Array.Sort(terms, static (a, b) => string.CompareOrdinal(a.Term, b.Term));
        return terms;
    }
}
