using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using PmSite.Model;

namespace PmSite.Search;

/// <summary>
/// Pairs of terms whose query reads one short list instead of two long ones. Two frequent terms that titles put side by
/// side ("memory leak", "consumer lag") are queried together, and each alone leaves many documents undecided until one of
/// them is read deep: hundreds of post-mortems have "memory" in their title, and thousands "leak" somewhere. A pair's list
/// holds the post-mortems with either term, best first by the two terms' scores summed, cut after the best
/// <see cref="Listed"/>: as the terms' own lists do, its last score read bounds every post-mortem not read yet.
/// </summary>
internal static class TermPairs
{
    /// <summary>Titles a pair must be adjacent in: once or twice is a coincidence of wording, not a thing people search for.</summary>
    public const int MinTitles = 3;

    /// <summary>Postings listed: the inline ones and a first block, as for a term, several pages of results.</summary>
    public const int Listed = BrowserIndex.InlinePostings + BrowserIndex.FirstBlock;

    // A run header: the first term's fields' mask, the second's above it, the run's length - 1 above both (the escape: 8 or
    // more).
    private const int SecondShift = 5;
    private const int RunLengthShift = 10;
    private const int RunLengthEscape = 7;

    /// <summary>
    /// The pairs to list, as term ordinals (first &lt; second, so the pair's text "first second" sorts right after its first
    /// term), in ordinal order: two distinct terms adjacent, after analysis, in at least <see cref="MinTitles"/> titles,
    /// each with more postings than its record and first block hold, so that reading it deep would cost; with the number of
    /// titles it is adjacent in.
    /// </summary>
    public static List<(int First, int Second, int Titles)> Select(IReadOnlyList<PostMortem> postMortems, string[] terms, int[] totals)
    {
        var titles = new Dictionary<(string, string), int>();
        Parallel.For(0, postMortems.Count, () => (Counts: new Dictionary<(string, string), int>(), Analyzer: SearchIndex.CreateAnalyzer()), (doc, _, local) =>
        {
            foreach (var pair in AdjacentIn(local.Analyzer, postMortems[doc].Title))
            {
                local.Counts[pair] = local.Counts.GetValueOrDefault(pair) + 1;
            }

            return local;
        }, local =>
        {
            local.Analyzer.Dispose();
            var counts = local.Counts;
            lock (titles)
            {
                foreach (var (pair, n) in counts)
                {
                    titles[pair] = titles.GetValueOrDefault(pair) + n;
                }
            }
        });

        var costly = BrowserIndex.InlinePostings + BrowserIndex.FirstBlock;
        var pairs = new List<(int First, int Second, int Titles)>();
        foreach (var ((a, b), n) in titles)
        {
            var first = Array.BinarySearch(terms, a, StringComparer.Ordinal);
            var second = Array.BinarySearch(terms, b, StringComparer.Ordinal);
            if (n >= MinTitles && first >= 0 && second >= 0 && totals[first] > costly && totals[second] > costly)
            {
                pairs.Add((first, second, n));
            }
        }

        pairs.Sort();
        return pairs;
    }

    /// <summary>The distinct pairs of adjacent distinct terms of a title, each ordered as strings are.</summary>
    private static HashSet<(string, string)> AdjacentIn(Analyzer analyzer, string title)
    {
        var pairs = new HashSet<(string, string)>();
        using var stream = analyzer.GetTokenStream(SearchFields.Title.Name, title);
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        string? previous = null;
        while (stream.IncrementToken())
        {
            var current = term.ToString();
            if (previous is not null && previous != current)
            {
                pairs.Add(string.CompareOrdinal(previous, current) < 0 ? (previous, current) : (current, previous));
            }

            previous = current;
        }

        stream.End();
        return pairs;
    }

    /// <summary>A pair's best postings encoded: those inline in its dictionary record, and the rest in one block.</summary>
    internal sealed class RankedPair
    {
        private byte[] _inline = [];

        public required string Text { get; init; }

        /// <summary>The post-mortems with either term.</summary>
        public required int Matches { get; init; }

        public required int Listed { get; init; }

        /// <summary>The post-mortems listed, best first: display packs are made from them, as from a title term's.</summary>
        public required int[] Best { get; init; }

        public List<byte[]> Blocks { get; } = [];

        public int BlockBytes { get; private set; }

        /// <summary>
        /// Ranks the union of two terms' postings by the sum of their scores (each summed over fields as the term's own list
        /// orders it), ties by document, and encodes the best <see cref="TermPairs.Listed"/>.
        /// </summary>
        public static RankedPair Of(string text, ScoredPostings a, ScoredPostings b, Buffers buffers)
        {
            // Both lists are in document order: merged, each document of the union once, with its posting in each (or -1).
            var union = buffers.Union;
            union.Clear();
            for (int i = 0, j = 0; i < a.Count || j < b.Count;)
            {
                var docA = i < a.Count ? a.Doc(i) : int.MaxValue;
                var docB = j < b.Count ? b.Doc(j) : int.MaxValue;
                union.Add((docA <= docB ? i++ : -1, docB <= docA ? j++ : -1));
            }

            var count = union.Count;
            buffers.Reserve(count);
            var keys = buffers.Keys.AsSpan(0, count);
            var order = buffers.Order.AsSpan(0, count);
            for (var u = 0; u < count; u++)
            {
                var (i, j) = union[u];
                keys[u] = -((i < 0 ? 0 : a.Score(i)) + (j < 0 ? 0 : b.Score(j)));
                order[u] = u;
            }

            // Best first, then by document: the union is in document order, so each run of equal scores is sorted by position.
            keys.Sort(order);
            for (int start = 0, end; start < count; start = end)
            {
                for (end = start + 1; end < count && keys[end] == keys[start]; end++)
                {
                }

                order[start..end].Sort();
            }

            var listed = Math.Min(count, TermPairs.Listed);
            var best = new int[listed];
            for (var i = 0; i < listed; i++)
            {
                best[i] = DocOf(a, b, union[order[i]]);
            }

            var ranked = new RankedPair { Text = text, Matches = count, Listed = listed, Best = best };
            // Only the first postings are inline: the record is read by every query of a term near it in the dictionary.
            var inline = Math.Min(listed, BrowserIndex.InlinePostings);
            var writer = buffers.Writer;
            writer.Clear();
            WriteEntries(writer, a, b, union, order[..inline]);
            ranked._inline = writer.ToArray();
            if (listed > inline)
            {
                writer.Clear();
                writer.VarInt(listed - inline);
                WriteEntries(writer, a, b, union, order[inline..listed]);
                ranked.Blocks.Add(writer.ToArray());
                ranked.BlockBytes = writer.Length;
            }

            return ranked;
        }

        /// <summary>The dictionary record: the pair's text (its prefix shared with <paramref name="previous"/> left out), the
        /// post-mortems with either term, the postings listed, the blocks (pack and offset each), then the inline postings'
        /// length in bytes and the postings: the browser decodes them once it has both terms' document frequencies.</summary>
        public void Record(ByteWriter record, string previous, List<(int Pack, int Offset)> blocks)
        {
            BrowserIndex.RankedTerm.BeginRecord(record, previous, Text);
            record.VarInt(Matches);
            record.VarInt(Listed);
            BrowserIndex.RankedTerm.WriteAddresses(record, blocks);

            record.VarInt(_inline.Length);
            record.Bytes(_inline);
        }

        /// <summary>
        /// Postings as runs alike (the same frequencies and norms of both terms, so the same scores), in document order within
        /// a run: a varint header, the run's length - 1 (7: 8 or more, the rest following as a varint) over the second term's
        /// fields' mask over the first's; for each field either term is in, the first term's frequency (if in it), the second's
        /// (if in it) and the field's norm, which is the document's, whatever the term; then the first document and the gaps.
        /// </summary>
        private static void WriteEntries(ByteWriter writer, ScoredPostings a, ScoredPostings b, List<(int A, int B)> union, ReadOnlySpan<int> order)
        {
            var fields = SearchFields.All.Count;
            for (int i = 0, end; i < order.Length; i = end)
            {
                var (pa, pb) = union[order[i]];
                for (end = i + 1; end < order.Length && a.Alike(pa, union[order[end]].A) && b.Alike(pb, union[order[end]].B); end++)
                {
                }

                int maskA = 0, maskB = 0;
                for (var f = 0; f < fields; f++)
                {
                    maskA |= pa >= 0 && a.Freq(pa, f) > 0 ? 1 << f : 0;
                    maskB |= pb >= 0 && b.Freq(pb, f) > 0 ? 1 << f : 0;
                }

                var length = end - i;
                writer.VarInt(maskA | (maskB << SecondShift) | (Math.Min(length - 1, RunLengthEscape) << RunLengthShift));
                if (length - 1 >= RunLengthEscape)
                {
                    writer.VarInt(length - 1 - RunLengthEscape);
                }

                for (var f = 0; f < fields; f++)
                {
                    if ((maskA & (1 << f)) != 0)
                    {
                        writer.VarInt(a.Freq(pa, f));
                    }

                    if ((maskB & (1 << f)) != 0)
                    {
                        writer.VarInt(b.Freq(pb, f));
                    }

                    if (((maskA | maskB) & (1 << f)) != 0)
                    {
                        writer.Byte((maskA & (1 << f)) != 0 ? a.Norm(pa, f) : b.Norm(pb, f));
                    }
                }

                writer.VarInt(DocOf(a, b, union[order[i]]));
                for (var j = i + 1; j < end; j++)
                {
                    writer.VarInt(DocOf(a, b, union[order[j]]) - DocOf(a, b, union[order[j - 1]]));
                }
            }
        }

        private static int DocOf(ScoredPostings a, ScoredPostings b, (int A, int B) posting) => posting.A >= 0 ? a.Doc(posting.A) : b.Doc(posting.B);

        /// <summary>What ranking a pair needs, kept by each worker from pair to pair.</summary>
        public sealed class Buffers
        {
            /// <summary>Each document of the union: its posting in the first term's postings and in the second's (or -1).</summary>
            public List<(int A, int B)> Union { get; } = [];

            public ByteWriter Writer { get; } = new(4096);

            public double[] Keys { get; private set; } = new double[256];

            public int[] Order { get; private set; } = new int[256];

            public void Reserve(int count)
            {
                if (count > Keys.Length)
                {
                    Keys = new double[Math.Max(count, Keys.Length * 2)];
                    Order = new int[Keys.Length];
                }
            }
        }
    }

    /// <summary>
    /// A term's postings in document order, each with its score: read and scored once for every pair the term is in. A
    /// frequent word is in twenty pairs or more, and reading its postings again for each was most of what pairs cost.
    /// </summary>
    internal sealed class ScoredPostings
    {
        private static readonly int s_fields = SearchFields.All.Count;
        private readonly int[] _docs;
        private readonly int[] _freqs;
        private readonly byte[] _norms;
        private readonly double[] _scores;

        private ScoredPostings(int count)
        {
            _docs = new int[count];
            _freqs = new int[count * s_fields];
            _norms = new byte[count * s_fields];
            _scores = new double[count];
        }

        public int Count => _docs.Length;

        public static ScoredPostings Of(InvertedIndex inverted, int term, int[] docFreq, int docCount, float[][] caches, BrowserIndex.RankedTerm.Buffers buffers)
        {
            var postings = buffers.Postings;
            inverted.Read(term, postings);
            var weights = buffers.Weights(docFreq, docCount);
            var scored = new ScoredPostings(postings.Count);
            for (var i = 0; i < postings.Count; i++)
            {
                scored._docs[i] = postings.Doc(i);
                postings.Freqs(i).CopyTo(scored._freqs.AsSpan(i * s_fields));
                postings.Norms(i).CopyTo(scored._norms.AsSpan(i * s_fields));
                scored._scores[i] = BrowserIndex.RankedTerm.Score(postings.Freqs(i), postings.Norms(i), weights, caches);
            }

            return scored;
        }

        public int Doc(int i) => _docs[i];

        public int Freq(int i, int field) => _freqs[(i * s_fields) + field];

        public byte Norm(int i, int field) => _norms[(i * s_fields) + field];

        public double Score(int i) => _scores[i];

        /// <summary>Whether two postings (or -1: none) have the same frequency and norm in every field that has the term.</summary>
        public bool Alike(int x, int y)
        {
            if (x < 0 || y < 0)
            {
                return x == y;
            }

            for (var f = 0; f < s_fields; f++)
            {
                if (Freq(x, f) != Freq(y, f) || (Freq(x, f) > 0 && Norm(x, f) != Norm(y, f)))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
