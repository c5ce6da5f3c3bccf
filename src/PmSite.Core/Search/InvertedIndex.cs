using System.Runtime.CompilerServices;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using PmSite.Model;
using PmSite.Text;

namespace PmSite.Search;

/// <summary>
/// What each post-mortem was analysed into for the search index, kept between the builds of a preview session so that
/// an edit analyses one post-mortem again, not all of them. Keyed by the parsed post-mortem itself: an unchanged file
/// keeps its parse (see <c>ParseCache</c>), and a parse never changes, so an entry is valid as long as its key lives.
/// </summary>
internal sealed class DocumentAnalyses
{
    private readonly ConditionalWeakTable<PostMortem, InvertedIndex.Analysis> _analyses = [];

    // The ranges of the last index, each with the post-mortems it inverted: one whose post-mortems are all the same (and
    // at the same positions) is used again as it is.
    private List<(PostMortem[] PostMortems, int Start, InvertedIndex.Range Range)> _ranges = [];
    private List<(PostMortem[] PostMortems, int Start, InvertedIndex.Range Range)> _next = [];

    public DocumentAnalyses() => Ranking = new KeptRanking(this);

    /// <summary>The terms of the last index, which the next one updates from the ranges it inverted again.</summary>
    internal KeptTerms Terms { get; } = new();

    /// <summary>The ranked terms of the last browser index, which the next one reuses where an edit left them as they were.</summary>
    internal KeptRanking Ranking { get; }

    /// <summary>What the browser index shows of each post-mortem in its results, written once per parsed post-mortem.</summary>
    internal DisplayPacks.Records DisplayRecords { get; } = new();

    public InvertedIndex.Analysis? Find(PostMortem postMortem) => _analyses.TryGetValue(postMortem, out var analysis) ? analysis : null;

    public void Add(PostMortem postMortem, InvertedIndex.Analysis analysis) => _analyses.AddOrUpdate(postMortem, analysis);

    /// <summary>The range of the last index that inverted exactly these post-mortems from <paramref name="start"/> on.</summary>
    internal InvertedIndex.Range? FindRange(IReadOnlyList<PostMortem> postMortems, int start, int end)
    {
        foreach (var (kept, keptStart, range) in _ranges)
        {
            if (keptStart == start && kept.Length == end - start && Same(kept, postMortems, start))
            {
                return range;
            }
        }

        return null;
    }

    /// <summary>Starts an index: the ranges it keeps replace the last index's when it is done.</summary>
    internal void BeginIndex() => _next = [];

    internal void KeepRange(IReadOnlyList<PostMortem> postMortems, int start, int end, InvertedIndex.Range range)
    {
        var kept = new PostMortem[end - start];
        for (var i = start; i < end; i++)
        {
            kept[i - start] = postMortems[i];
        }

        lock (_next)
        {
            _next.Add((kept, start, range));
        }
    }

    internal void EndIndex() => _ranges = _next;

    private static bool Same(PostMortem[] kept, IReadOnlyList<PostMortem> postMortems, int start)
    {
        for (var i = 0; i < kept.Length; i++)
        {
            if (!ReferenceEquals(kept[i], postMortems[start + i]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>
/// The terms of a session's last index, with the number of its ranges each occurs in: the next index, which replaces the
/// ranges an edit touched, adjusts those counts from the ranges it replaced instead of merging the terms of every range
/// again, and keeps the sorted terms as they were unless a term came or went.
/// </summary>
internal sealed class KeptTerms
{
    private InvertedIndex.Range[] _ranges = [];
    private Dictionary<string, int> _rangesWith = new(StringComparer.Ordinal);
    private string[] _terms = [];

    public string[] Of(InvertedIndex.Range[] ranges)
    {
        if (ranges.Length != _ranges.Length)
        {
            _rangesWith = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var range in ranges)
            {
                Count(range, 1);
            }

            _terms = Sorted();
        }
        else
        {
            var changed = false;
            for (var r = 0; r < ranges.Length; r++)
            {
                if (!ReferenceEquals(ranges[r], _ranges[r]))
                {
                    changed |= Count(ranges[r], 1);
                    Count(_ranges[r], -1);
                    changed |= _ranges[r].Ids.Keys.Any(term => _rangesWith[term] == 0);
                }
            }

            if (changed)
            {
                foreach (var gone in _rangesWith.Where(t => t.Value == 0).Select(t => t.Key).ToList())
                {
                    _rangesWith.Remove(gone);
                }

                _terms = Sorted();
            }
        }

        _ranges = ranges;
        return _terms;
    }

    // Adds delta to the count of each term of the range; whether a term was new.
    private bool Count(InvertedIndex.Range range, int delta)
    {
        var added = false;
        foreach (var term in range.Ids.Keys)
        {
            ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_rangesWith, term, out var existed);
            count += delta;
            added |= !existed;
        }

        return added;
    }

    private string[] Sorted()
    {
        string[] terms = [.. _rangesWith.Keys];
        Array.Sort(terms, StringComparer.Ordinal);
        return terms;
    }
}

/// <summary>
/// The post-mortems inverted as Lucene's IndexWriter inverts them for <see cref="SearchIndex"/>: the same analyzer over
/// the same <see cref="SearchFields"/>, and for each term, post-mortem and field the frequency and the norm byte that
/// <c>BM25Similarity</c> stores (length = tokens after analysis). The browser index is written from it directly, which
/// costs a fraction of building a Lucene index and reading it back. Ranges of post-mortems are analysed in parallel and
/// read back in post-mortem order, so the result never depends on scheduling; occurrences are kept in a few large arrays
/// rather than an object per term, which the garbage collector would copy again and again.
/// </summary>
internal sealed class InvertedIndex
{
    private readonly Range[] _ranges;

    // For each term, its number in each range (-1: absent there); null when terms are looked up as they are read.
    private readonly int[][]? _ids;

    // numberTerms: whether every term is numbered in every range up front, for an index whose terms are all read.
    // terms: every term of the ranges, in ordinal order, when the caller knows them.
    private InvertedIndex(int docCount, Range[] ranges, bool numberTerms, string[]? terms = null)
    {
        DocCount = docCount;
        _ranges = ranges;
        var fields = SearchFields.All.Count;
        SumTotalTermFreq = new long[fields];
        foreach (var range in ranges)
        {
            for (var f = 0; f < fields; f++)
            {
                SumTotalTermFreq[f] += range.Tokens[f];
            }
        }

        Terms = terms ?? TermsOf(ranges);
        if (!numberTerms)
        {
            return;
        }

        _ids = new int[ranges.Length][];
        for (var r = 0; r < ranges.Length; r++)
        {
            var ids = _ids[r] = new int[Terms.Length];
            for (var t = 0; t < Terms.Length; t++)
            {
                ids[t] = ranges[r].Ids.GetValueOrDefault(Terms[t], -1);
            }
        }
    }

    /// <summary>Every term of the ranges, in ordinal order.</summary>
    internal static string[] TermsOf(Range[] ranges)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var range in ranges)
        {
            all.UnionWith(range.Ids.Keys);
        }

        string[] terms = [.. all];
        Array.Sort(terms, StringComparer.Ordinal);
        return terms;
    }

    public int DocCount { get; }

    /// <summary>Per field: the number of tokens in all post-mortems, Lucene's <c>Terms.SumTotalTermFreq</c>.</summary>
    public long[] SumTotalTermFreq { get; }

    /// <summary>Every term, in ordinal order.</summary>
    public string[] Terms { get; }

    /// <param name="postMortems">The post-mortems, in the order of the knowledge base.</param>
    /// <param name="analyses">A preview session's kept analyses: post-mortems analysed by an earlier build are not analysed
    /// again, and the ones analysed now are kept there.</param>
    public static InvertedIndex Of(IReadOnlyList<PostMortem> postMortems, DocumentAnalyses? analyses = null)
    {
        if (analyses is not null)
        {
            return Reusing(postMortems, analyses);
        }

        // A range per core: each range makes its own strings for the terms it meets, so more ranges would cost more.
        var count = Math.Clamp(Environment.ProcessorCount, 1, Math.Max(1, postMortems.Count));
        var ranges = new Range[count];
        Parallel.For(0, count, r => ranges[r] = Range.Invert(postMortems, (int)((long)postMortems.Count * r / count), (int)((long)postMortems.Count * (r + 1) / count), null));
        return new InvertedIndex(postMortems.Count, ranges, numberTerms: true);
    }

    /// <summary>Post-mortems in a range of a preview session's index: an edit inverts its range again, not the others.</summary>
    internal const int SessionRange = 512;

    /// <summary>
    /// The index of a preview session: in ranges of <see cref="SessionRange"/> post-mortems, each taken as it is from the
    /// last index when its post-mortems are the same, else inverted from the post-mortems' kept analyses (analysing only
    /// those that have none). The terms and postings are those of <see cref="Of"/> without a session, whatever the ranges.
    /// </summary>
    private static InvertedIndex Reusing(IReadOnlyList<PostMortem> postMortems, DocumentAnalyses analyses)
    {
        var count = Math.Max(1, (postMortems.Count + SessionRange - 1) / SessionRange);
        var ranges = new Range[count];
        analyses.BeginIndex();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, r =>
        {
            var (start, end) = (r * SessionRange, Math.Min(postMortems.Count, (r + 1) * SessionRange));
            ranges[r] = analyses.FindRange(postMortems, start, end) ?? Range.Invert(postMortems, start, end, analyses);
            analyses.KeepRange(postMortems, start, end, ranges[r]);
        });
        analyses.EndIndex();
        // A rebuild reads the postings of the few terms an edit changed (see KeptRanking), so numbering them all would cost more.
        return new InvertedIndex(postMortems.Count, ranges, numberTerms: false, analyses.Terms.Of(ranges));
    }

    /// <summary>
    /// One post-mortem's occurrences as analysis gave them: per field (in order), its terms in the order they first
    /// appear with their frequencies, and the field's length in tokens.
    /// </summary>
    internal sealed class Analysis(string[] terms, int[] freqs, byte[] fields, int[] lengths)
    {
        public string[] Terms => terms;

        public int[] Freqs => freqs;

        public byte[] Fields => fields;

        public int[] Lengths => lengths;
    }

    /// <summary>Fills <paramref name="postings"/> with the postings of term number <paramref name="term"/>, in post-mortem order.</summary>
    public void Read(int term, TermPostings postings)
    {
        postings.Clear();
        for (var r = 0; r < _ranges.Length; r++)
        {
            if ((_ids is null ? _ranges[r].Ids.GetValueOrDefault(Terms[term], -1) : _ids[r][term]) is var id and >= 0)
            {
                _ranges[r].Read(id, postings);
            }
        }
    }

    /// <summary>A range of post-mortems inverted: one occurrence per post-mortem, field and term, then grouped by term.</summary>
    internal sealed class Range
    {
        // The occurrences, as they were made and, once the range is inverted, grouped by term.
        private int[] _term = new int[1 << 16];
        private int[] _doc = new int[1 << 16];
        private int[] _freq = new int[1 << 16];
        private byte[] _field = new byte[1 << 16];
        private byte[] _norm = new byte[1 << 16];
        private int _count;

        // Once grouped: term t's occurrences are those from _start[t] to _start[t + 1].
        private int[] _start = [];

        public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);

        // Each term's string by its number, to record analyses.
        private readonly List<string> _names = [];

        public long[] Tokens { get; } = new long[SearchFields.All.Count];

        public static Range Invert(IReadOnlyList<PostMortem> postMortems, int start, int end, DocumentAnalyses? analyses)
        {
            var range = new Range();
            // Each word as the tokeniser gave it, with the number of the term EnglishAnalyzer's filters make of it (-1: a
            // stop word): the filters run once per distinct word, not once per token (see EnglishWords).
            var words = new Dictionary<string, int>(StringComparer.Ordinal);
            var wordIds = words.GetAlternateLookup<ReadOnlySpan<char>>();
            // Per term: the occurrence it has in the field being read, valid while its stamp is that field's.
            var stamp = new int[1 << 12];
            var slot = new int[1 << 12];
            var fields = SearchFields.All.Count;
            using var tokeniser = EnglishWords.Tokeniser();
            using var filters = EnglishWords.Filters(EnglishAnalyzer.DefaultStopSet);
            for (var doc = start; doc < end; doc++)
            {
                if (analyses?.Find(postMortems[doc]) is { } known)
                {
                    range.Replay(known, doc);
                    continue;
                }

                var firstOfDoc = range._count;
                var lengths = new int[fields];
                for (var f = 0; f < fields; f++)
                {
                    var fieldStamp = (((doc - start) * fields) + f) + 1;
                    var first = range._count;
                    var length = 0;
                    foreach (var piece in SearchFields.PiecesOf(postMortems[doc], f))
                    {
                        using var stream = tokeniser.GetTokenStream(SearchFields.All[f].Name, piece);
                        var token = stream.AddAttribute<ICharTermAttribute>();
                        stream.Reset();
                        while (stream.IncrementToken())
                        {
                            var chars = token.Buffer.AsSpan(0, token.Length);
                            if (!wordIds.TryGetValue(chars, out var id))
                            {
                                var word = new string(chars);
                                id = EnglishWords.Filter(filters, word) is { } term ? range.IdOf(term) : -1;
                                words[word] = id;
                            }

                            if (id < 0)
                            {
                                continue;
                            }

                            length++;
                            if (id >= stamp.Length)
                            {
                                // Terms of kept analyses get numbers too, so a new one may be well past the end.
                                Array.Resize(ref stamp, Math.Max(id + 1, stamp.Length * 2));
                                Array.Resize(ref slot, stamp.Length);
                            }

                            if (stamp[id] == fieldStamp)
                            {
                                range._freq[slot[id]]++;
                            }
                            else
                            {
                                stamp[id] = fieldStamp;
                                slot[id] = range.Add(id, doc, f);
                            }
                        }

                        stream.End();
                    }

                    range.Tokens[f] += length;
                    lengths[f] = length;
                    range._norm.AsSpan(first, range._count - first).Fill(Bm25.EncodeNorm(length));
                }

                analyses?.Add(postMortems[doc], range.Record(firstOfDoc, lengths));
            }

            range.GroupByTerm();
            return range;
        }

        // The number of a term, given the next one if the range has not met it yet.
        private int IdOf(string term)
        {
            ref var id = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Ids, term, out var existed);
            if (!existed)
            {
                id = Ids.Count - 1;
                _names.Add(term);
            }

            return id;
        }

        /// <summary>The occurrences of one post-mortem (those from <paramref name="first"/> on) as an analysis to keep.</summary>
        private Analysis Record(int first, int[] lengths)
        {
            var count = _count - first;
            var terms = new string[count];
            var freqs = new int[count];
            var fields = new byte[count];
            for (var o = 0; o < count; o++)
            {
                terms[o] = _names[_term[first + o]];
                freqs[o] = _freq[first + o];
                fields[o] = _field[first + o];
            }

            return new Analysis(terms, freqs, fields, lengths);
        }

        /// <summary>Adds a post-mortem's occurrences from its kept analysis, exactly as analysing it again would.</summary>
        private void Replay(Analysis analysis, int doc)
        {
            for (var o = 0; o < analysis.Terms.Length; o++)
            {
                var id = IdOf(analysis.Terms[o]);
                var field = analysis.Fields[o];
                var occurrence = Add(id, doc, field);
                _freq[occurrence] = analysis.Freqs[o];
                _norm[occurrence] = Bm25.EncodeNorm(analysis.Lengths[field]);
            }

            for (var f = 0; f < analysis.Lengths.Length; f++)
            {
                Tokens[f] += analysis.Lengths[f];
            }
        }

        public void Read(int id, TermPostings postings)
        {
            for (var o = _start[id]; o < _start[id + 1]; o++)
            {
                postings.Add(_doc[o], _field[o], _freq[o], _norm[o]);
            }
        }

        private int Add(int term, int doc, int field)
        {
            if (_count == _term.Length)
            {
                var capacity = _count * 2;
                Array.Resize(ref _term, capacity);
                Array.Resize(ref _doc, capacity);
                Array.Resize(ref _freq, capacity);
                Array.Resize(ref _field, capacity);
                Array.Resize(ref _norm, capacity);
            }

            _term[_count] = term;
            _doc[_count] = doc;
            _freq[_count] = 1;
            _field[_count] = (byte)field;
            return _count++;
        }

        /// <summary>
        /// A counting sort of the occurrences by term, which keeps each term's in post-mortem and field order. They are
        /// moved, not indexed: a build reads every term's postings twice (to rank them, then to count them by facet), and
        /// reading them in place is a walk through memory where an index would miss the cache at nearly every occurrence.
        /// </summary>
        private void GroupByTerm()
        {
            _start = new int[Ids.Count + 1];
            for (var o = 0; o < _count; o++)
            {
                _start[_term[o] + 1]++;
            }

            for (var t = 0; t < Ids.Count; t++)
            {
                _start[t + 1] += _start[t];
            }

            var next = _start[..^1];
            var doc = new int[_count];
            var freq = new int[_count];
            var field = new byte[_count];
            var norm = new byte[_count];
            for (var o = 0; o < _count; o++)
            {
                var at = next[_term[o]]++;
                doc[at] = _doc[o];
                freq[at] = _freq[o];
                field[at] = _field[o];
                norm[at] = _norm[o];
            }

            (_doc, _freq, _field, _norm, _term) = (doc, freq, field, norm, []);
        }
    }
}

/// <summary>
/// One term's postings in post-mortem order: per post-mortem, each field's frequency and norm byte (0 where absent).
/// Reused from term to term.
/// </summary>
internal sealed class TermPostings(int fieldCount)
{
    private int[] _docs = new int[256];
    private int[] _freqs = new int[256 * fieldCount];
    private byte[] _norms = new byte[256 * fieldCount];

    public int Count { get; private set; }

    /// <summary>Per field, the number of post-mortems the term occurs in.</summary>
    public int[] DocFreq { get; } = new int[fieldCount];

    public int Doc(int i) => _docs[i];

    public int Freq(int i, int field) => _freqs[(i * fieldCount) + field];

    public byte Norm(int i, int field) => _norms[(i * fieldCount) + field];

    /// <summary>Posting <paramref name="i"/>'s frequency in each field.</summary>
    public ReadOnlySpan<int> Freqs(int i) => _freqs.AsSpan(i * fieldCount, fieldCount);

    /// <summary>Posting <paramref name="i"/>'s norm byte in each field: meaningful only where the frequency is not 0.</summary>
    public ReadOnlySpan<byte> Norms(int i) => _norms.AsSpan(i * fieldCount, fieldCount);

    public void Clear()
    {
        _freqs.AsSpan(0, Count * fieldCount).Clear();
        Count = 0;
        Array.Clear(DocFreq);
    }

    /// <summary>Adds an occurrence in one field; occurrences come in post-mortem order.</summary>
    public void Add(int doc, int field, int freq, byte norm)
    {
        if (Count == 0 || _docs[Count - 1] != doc)
        {
            if (Count == _docs.Length)
            {
                Array.Resize(ref _docs, Count * 2);
                Array.Resize(ref _freqs, Count * 2 * fieldCount);
                Array.Resize(ref _norms, Count * 2 * fieldCount);
            }

            _docs[Count++] = doc;
        }

        _freqs[((Count - 1) * fieldCount) + field] = freq;
        _norms[((Count - 1) * fieldCount) + field] = norm;
        DocFreq[field]++;
    }
}
