using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PmSite.Content;
using PmSite.Rendering;

namespace PmSite.Search;

/// <summary>One file of the browser index: its path under the site and its bytes.</summary>
public sealed record IndexFile(string Path, byte[] Bytes);

/// <summary>
/// Writes the static index that <c>assets/search.js</c> queries. A query fetches only what it needs, so its cost does not
/// grow with the number of post-mortems, and small pieces are grouped into files of bounded size, so the number of files
/// grows with the index's bytes rather than with its terms and post-mortems:
/// <list type="bullet">
/// <item><c>manifest.json</c>: collection statistics, field weights, the severities, and the separator of each group of
/// <see cref="ShardGroup"/> term shards, so that it stays small however large the dictionary grows.</item>
/// <item><c>term-groups/N.json</c>: the separators of a group's shards: a shard's separator is the shortest prefix of its
/// first term that sorts after the previous shard's last term.</item>
/// <item><c>terms/N.bin</c>: a range of the sorted term dictionary, each term with its per-field document frequencies,
/// where its postings blocks are, and its best <see cref="InlinePostings"/> postings, or all of them when they are few
/// (at most <see cref="ShardBytes"/> a shard). After a term come its pairs (see <see cref="TermPairs"/>), keyed "first
/// second" (a space sorts before any character of a term): each lists the best post-mortems for the two terms together,
/// with both terms' frequencies and the norms, its first postings inline and the rest in one block.</item>
/// <item><c>postings/N.bin</c>: packs of postings blocks (about <see cref="PackBytes"/> each): the rest of a frequent term's
/// postings in blocks that double in size up to <see cref="MaxBlock"/> postings (fewer where that many would not fit a
/// pack), read only while they can still change the top results. A term's blocks start a new pack unless they all fit in
/// the current one, so a term with few blocks is one fetch; each block is addressed by pack and offset, so the browser
/// fetches whole files, never byte ranges.</item>
/// <item><c>facet-counts/N.bin</c>: packs (about <see cref="SummaryPackBytes"/> each) of facet summaries (see
/// <see cref="FacetSummaries"/>): for a term in at least <see cref="FacetSummaryMin"/> post-mortems, how many of them
/// carry each facet value, so the facet counts and the number of results of a one-term query are one small fetch.</item>
/// <item><c>docs/N.bin</c>: for a range of <see cref="DocChunk"/> post-mortems, each one's facet values, for filters and
/// for facet counts the summaries cannot give (several terms, or the other facets' counts under a filter).</item>
/// <item><c>display/N.json</c>: what results show, <see cref="DisplayPack"/> post-mortems a file (see <see cref="DisplayPacks"/>).</item>
/// <item><c>display-map/N.bin</c>: for a range of <see cref="DisplayMapChunk"/> post-mortems, each one's display pack: a few
/// bytes a result, so showing results never waits for facet values.</item>
/// <item><c>facets.json</c>: the facet values and their counts, read for filters and facet counts.</item>
/// </list>
/// Postings are impact-ordered: by the term's BM25 score in the document, best first, so the top results of a query come
/// from the first postings. Each posting keeps, per field, the term frequency and Lucene's norm byte, and the browser
/// computes the same single-precision BM25 as Lucene. Postings alike (so of equal score) follow one another in document
/// order, and are written as runs: the frequencies and norms once, then the documents as gaps (see
/// <see cref="RankedTerm"/>'s WriteEntries), which makes a deep block a byte or two a posting. Binary files use unsigned
/// LEB128 varints. Everything is sorted, so the same input gives the same bytes.
/// </summary>
public static class BrowserIndex
{
    public const int Format = 6;
    public const int InlinePostings = 32;
    public const int FirstBlock = 128;
    public const int MaxBlock = 4096;
    public const int ShardBytes = 12 * 1024;
    public const int PackBytes = 8 * 1024;
    public const int DocChunk = 1024;
    public const int DisplayPack = 10;
    public const int DisplayMapChunk = 128;
    public const int ShardGroup = 64;
    public const int SnippetTextLength = 1500;
    public const int FacetSummaryMin = 3;
    public const int SummaryPackBytes = 16 * 1024;

    // A run header byte: the fields' mask in its low bits (one a field: five fields), the run's length - 1 above them (the
    // escape: 8 or more).
    private const int RunLengthShift = 5;
    private const int RunLengthEscape = 7;

    // Any Unicode letter as it is, but <, >, & and quotes escaped: the files stay safe even if inlined into a page.
    internal static readonly JavaScriptEncoder HtmlSafeJson = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    // Declared after the encoder it uses: static fields are set in the order they are written.
    internal static readonly JsonWriterOptions JsonOptions = new() { Encoder = HtmlSafeJson };

    internal static IReadOnlyList<IndexFile> Write(KnowledgeBase knowledgeBase, string folder = "search/", DocumentAnalyses? analyses = null)
    {
        // A run's header byte holds the mask of its fields below the run length.
        if (SearchFields.All.Count > RunLengthShift)
        {
            throw new InvalidOperationException($"postings runs hold at most {RunLengthShift} fields");
        }

        var postMortems = knowledgeBase.PostMortems;
        var docCount = postMortems.Count;
        var inverted = InvertedIndex.Of(postMortems, analyses);
        var caches = inverted.SumTotalTermFreq.Select(sum => Bm25.LengthCache(Bm25.AverageFieldLength(sum, docCount))).ToArray();

        // Scoring, ordering and encoding each term's postings is independent of the other terms. In a preview session, a term
        // the edits left with the same postings keeps its encoding as long as the new statistics leave its order as it was.
        var ranking = analyses?.Ranking;
        ranking?.Begin(postMortems);
        var terms = new RankedTerm[inverted.Terms.Length];
        Parallel.For(0, terms.Length, () => new RankedTerm.Buffers(), (t, _, buffers) =>
        {
            if (ranking?.Find(inverted.Terms[t]) is { } kept && kept.StillRanked(docCount, caches, buffers))
            {
                terms[t] = kept;
            }
            else
            {
                inverted.Read(t, buffers.Postings);
                terms[t] = RankedTerm.Of(inverted.Terms[t], docCount, caches, buffers, keepRuns: ranking is not null);
            }

            return buffers;
        }, _ => { });
        ranking?.Keep(postMortems, terms);

        var pairs = TermPairs.Select(postMortems, inverted.Terms, terms.Select(t => t.Total).ToArray());
        var paired = pairs.SelectMany(p => new[] { p.First, p.Second }).Distinct().Order().ToArray();
        var scored = new TermPairs.ScoredPostings[paired.Length];
        Parallel.For(0, paired.Length, () => new RankedTerm.Buffers(), (t, _, buffers) =>
        {
            scored[t] = TermPairs.ScoredPostings.Of(inverted, paired[t], terms[paired[t]].DocFreq, docCount, caches, buffers);
            return buffers;
        }, _ => { });
        var rankedPairs = new TermPairs.RankedPair[pairs.Count];
        Parallel.For(0, pairs.Count, () => new TermPairs.RankedPair.Buffers(), (p, _, buffers) =>
        {
            var (first, second, _) = pairs[p];
            rankedPairs[p] = TermPairs.RankedPair.Of(inverted.Terms[first] + " " + inverted.Terms[second],
                scored[Array.BinarySearch(paired, first)], scored[Array.BinarySearch(paired, second)], buffers);
            return buffers;
        }, _ => { });

        var facets = FacetTable.Of(knowledgeBase);
        var facetFiles = new List<IndexFile> { new(folder + "facets.json", facets.Json()) };
        for (var chunk = 0; chunk * DocChunk < docCount; chunk++)
        {
            facetFiles.Add(new IndexFile($"{folder}docs/{chunk}.bin", facets.DocChunk(chunk * DocChunk, Math.Min(DocChunk, docCount - (chunk * DocChunk)))));
        }

        // A preview session's kept terms keep their summaries while every post-mortem's facet values stay as they were.
        var facetValues = ranking is null ? null : Incremental.Fingerprint.OfParts(facetFiles.Select(f => f.Bytes));
        var summaries = FacetSummaries.Of(inverted, facets, terms, facetValues);
        var files = new List<IndexFile>(facetFiles);
        var shards = WriteTerms(terms, pairs, rankedPairs, summaries, folder, files);
        for (var group = 0; group * ShardGroup < shards.Count; group++)
        {
            files.Add(new IndexFile($"{folder}term-groups/{group}.json", StringArray(shards.Skip(group * ShardGroup).Take(ShardGroup))));
        }

        var leaders = terms.Where(t => t.DocFreq[RankedTerm.TitleField] > 0).Select(t => (t.DocFreq[RankedTerm.TitleField], t.Best!, int.MaxValue))
            .Concat(pairs.Select((pair, p) => (pair.Titles, rankedPairs[p].Best, 1))).ToList();
        var urls = new SiteUrls(knowledgeBase.Settings.BaseUrl);
        var (packOf, display) = DisplayPacks.Write(postMortems, leaders, urls, analyses?.DisplayRecords);
        files.AddRange(display.Select((bytes, p) => new IndexFile($"{folder}display/{p}.json", bytes)));
        for (var chunk = 0; chunk * DisplayMapChunk < docCount; chunk++)
        {
            var map = new ByteWriter(DisplayMapChunk * 2);
            for (var doc = chunk * DisplayMapChunk; doc < Math.Min(docCount, (chunk + 1) * DisplayMapChunk); doc++)
            {
                map.VarInt(packOf[doc]);
            }

            files.Add(new IndexFile($"{folder}display-map/{chunk}.bin", map.ToArray()));
        }

        files.Add(new IndexFile(folder + "manifest.json", Manifest(docCount, inverted.SumTotalTermFreq, shards, terms.Length, urls.BasePath, knowledgeBase.Severities.Select(s => s.Name))));
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The dictionary shards, the postings packs and the facet summary packs; returns each shard's separator. A term's pairs
    /// follow it in the dictionary, and start a new shard with it unless they all fit in the current one, so the browser
    /// finds a pair in the shard of its first term without fetching another; only pairs that fill a shard of their own run
    /// on into the next.
    /// </summary>
    private static List<string> WriteTerms(RankedTerm[] terms, List<(int First, int Second, int Titles)> pairs, TermPairs.RankedPair[] rankedPairs, byte[]?[] summaries, string folder, List<IndexFile> files)
    {
        var separators = new List<string>();
        var shard = new ByteWriter(ShardBytes + 1024);
        var shardTerms = 0;
        var pack = new ByteWriter(PackBytes + 1024);
        var packs = 0;
        var record = new ByteWriter();
        var addresses = new List<List<(int Pack, int Offset)>>();
        var summaryPack = new ByteWriter(SummaryPackBytes + 1024);
        var summaryPacks = 0;
        var lastText = "";
        var nextPair = 0;

        void FlushShard()
        {
            var bytes = new ByteWriter(shard.Length + 8);
            bytes.VarInt(shardTerms);
            bytes.Bytes(shard.Written);
            files.Add(new IndexFile($"{folder}terms/{separators.Count - 1}.bin", bytes.ToArray()));
            shard.Clear();
            shardTerms = 0;
        }

        void FlushPack()
        {
            files.Add(new IndexFile($"{folder}postings/{packs++}.bin", pack.ToArray()));
            pack.Clear();
        }

        void FlushSummaries()
        {
            files.Add(new IndexFile($"{folder}facet-counts/{summaryPacks++}.bin", summaryPack.ToArray()));
            summaryPack.Clear();
        }

        // An entry's blocks start a new pack unless they all fit in the current one.
        List<(int Pack, int Offset)> Place(List<byte[]> blocks, int blockBytes)
        {
            var at = new List<(int Pack, int Offset)>();
            if (pack.Length > 0 && pack.Length + blockBytes > PackBytes)
            {
                FlushPack();
            }

            foreach (var block in blocks)
            {
                if (pack.Length > 0 && pack.Length + block.Length > PackBytes)
                {
                    FlushPack();
                }

                at.Add((packs, pack.Length));
                pack.Bytes(block);
            }

            return at;
        }

        for (var ordinal = 0; ordinal < terms.Length; ordinal++)
        {
            var term = terms[ordinal];
            var firstPair = nextPair;
            for (; nextPair < pairs.Count && pairs[nextPair].First == ordinal; nextPair++)
            {
            }

            addresses.Clear();
            addresses.Add(Place(term.Blocks, term.BlockBytes));
            for (var p = firstPair; p < nextPair; p++)
            {
                addresses.Add(Place(rankedPairs[p].Blocks, rankedPairs[p].BlockBytes));
            }

            (int Pack, int Offset)? summary = null;
            if (summaries[ordinal] is { } counts)
            {
                if (summaryPack.Length > 0 && summaryPack.Length + counts.Length > SummaryPackBytes)
                {
                    FlushSummaries();
                }

                summary = (summaryPacks, summaryPack.Length);
                summaryPack.Bytes(counts);
            }

            // The term's record and its pairs', each sharing its prefix with the record before it.
            void Encode(int entry, string previous)
            {
                if (entry == 0)
                {
                    term.Record(record, previous, addresses[0], summary);
                }
                else
                {
                    rankedPairs[firstPair + entry - 1].Record(record, previous, addresses[entry]);
                }
            }

            string TextOf(int entry) => entry == 0 ? term.Text : rankedPairs[firstPair + entry - 1].Text;

            var unitBytes = 0;
            for (var entry = 0; entry < addresses.Count; entry++)
            {
                Encode(entry, entry > 0 ? TextOf(entry - 1) : shardTerms == 0 ? "" : lastText);
                unitBytes += record.Length;
            }

            for (var entry = 0; entry < addresses.Count; entry++)
            {
                Encode(entry, shardTerms == 0 ? "" : lastText);
                if (shardTerms > 0 && (entry == 0 ? shard.Length + unitBytes : shard.Length + record.Length) > ShardBytes)
                {
                    FlushShard();
                    Encode(entry, "");
                }

                if (shardTerms == 0)
                {
                    separators.Add(ordinal == 0 && entry == 0 ? "" : Separator(lastText, TextOf(entry)));
                }

                shard.Bytes(record.Written);
                shardTerms++;
                lastText = TextOf(entry);
            }
        }

        if (shardTerms > 0)
        {
            FlushShard();
        }

        if (pack.Length > 0)
        {
            FlushPack();
        }

        if (summaryPack.Length > 0)
        {
            FlushSummaries();
        }

        return separators;
    }

    /// <summary>The shortest prefix of <paramref name="first"/> that sorts after <paramref name="previous"/> (ordinal order,
    /// as the browser compares strings), never ending inside a surrogate pair.</summary>
    internal static string Separator(string previous, string first)
    {
        var n = Math.Min(previous.AsSpan().CommonPrefixLength(first) + 1, first.Length);
        if (n < first.Length && char.IsHighSurrogate(first[n - 1]))
        {
            n++;
        }

        return first[..n];
    }

    private static byte[] StringArray(IEnumerable<string> values)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Manifest(int docCount, IReadOnlyList<long> sums, IReadOnlyList<string> shards, int terms, string basePath, IEnumerable<string> severities)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("format", Format);
            json.WriteNumber("docs", docCount);
            json.WriteNumber("terms", terms);
            json.WriteString("k1", "1.2");
            json.WriteString("b", "0.75");
            json.WriteStartArray("fields");
            for (var f = 0; f < SearchFields.All.Count; f++)
            {
                json.WriteStartObject();
                json.WriteString("name", SearchFields.All[f].Name);
                json.WriteNumber("boost", SearchFields.All[f].Boost);
                json.WriteNumber("sumTotalTermFreq", sums[f]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("inline", InlinePostings);
            json.WriteNumber("docChunk", DocChunk);
            json.WriteNumber("displayMapChunk", DisplayMapChunk);
            json.WriteString("basePath", basePath);
            json.WriteStartArray("severities");
            foreach (var severity in severities)
            {
                json.WriteStringValue(severity);
            }

            json.WriteEndArray();
            json.WriteNumber("shardGroup", ShardGroup);
            json.WriteStartArray("groups");
            for (var group = 0; group * ShardGroup < shards.Count; group++)
            {
                json.WriteStringValue(shards[group * ShardGroup]);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A term's postings ordered best first and encoded: those inline in its dictionary record, and its blocks.</summary>
    internal sealed class RankedTerm
    {
        public static readonly int TitleField = Enumerable.Range(0, SearchFields.All.Count).First(f => SearchFields.All[f] == SearchFields.Title);

        private byte[] _inline = [];

        // Kept only in a preview session, whose next build checks from them alone whether the order still holds.
        private ScoreRuns? _runs;

        /// <summary>The term's facet summary and the facet values it was counted over: a term kept by a preview session with the
        /// same postings and the same facet values has the same summary.</summary>
        public (string FacetValues, byte[]? Bytes)? Summary { get; set; }

        public required string Text { get; init; }

        public required int[] DocFreq { get; init; }

        public required int Total { get; init; }

        /// <summary>For a term of titles, its documents best first: display packs are made from them.</summary>
        public int[]? Best { get; private set; }

        public List<byte[]> Blocks { get; } = [];

        public int BlockBytes { get; private set; }

        public static RankedTerm Of(string text, int docCount, float[][] caches, Buffers buffers, bool keepRuns)
        {
            var postings = buffers.Postings;
            var weights = buffers.Weights(postings.DocFreq, docCount);

            // Best first: by the term's field scores summed as Lucene adds them, then by document. Postings are in document
            // order, so sorting by score alone and then each run of equal scores by position gives exactly that order.
            var count = postings.Count;
            buffers.Reserve(count);
            var keys = buffers.Keys.AsSpan(0, count);
            var order = buffers.Order.AsSpan(0, count);
            for (var i = 0; i < count; i++)
            {
                keys[i] = -Score(postings.Freqs(i), postings.Norms(i), weights, caches);
                order[i] = i;
            }

            keys.Sort(order);
            for (int start = 0, end; start < count; start = end)
            {
                for (end = start + 1; end < count && keys[end] == keys[start]; end++)
                {
                }

                order[start..end].Sort();
            }

            var term = new RankedTerm { Text = text, DocFreq = [.. postings.DocFreq], Total = count };
            // A term with few postings has them all inline: a block of its own would be a fetch for a handful of bytes.
            var inline = count <= InlinePostings + FirstBlock ? count : InlinePostings;
            var writer = buffers.Writer;
            writer.Clear();
            WriteEntries(writer, postings, order, 0, inline);
            term._inline = writer.ToArray();
            for (int start = inline, size = FirstBlock; start < count; size = Math.Min(size * 2, MaxBlock))
            {
                // A block never outgrows a pack: one that would is written again with half its postings.
                var n = Math.Min(size, count - start);
                while (true)
                {
                    writer.Clear();
                    writer.VarInt(n);
                    WriteEntries(writer, postings, order, start, n);
                    if (writer.Length <= PackBytes || n == 1)
                    {
                        break;
                    }

                    n /= 2;
                }

                term.Blocks.Add(writer.ToArray());
                term.BlockBytes += writer.Length;
                start += n;
            }

            if (term.DocFreq[TitleField] > 0)
            {
                term.Best = new int[count];
                for (var i = 0; i < count; i++)
                {
                    term.Best[i] = postings.Doc(order[i]);
                }
            }

            if (keepRuns)
            {
                term._runs = ScoreRuns.Of(postings, order);
            }

            return term;
        }

        /// <summary>
        /// Whether this term, ranked by an earlier build from the postings it has now, is still in the order <see cref="Of"/>
        /// would give with the statistics of now: scores, in the same arithmetic, never rising from run to run, and on a tie
        /// the earlier document first. Its encoding then is what <see cref="Of"/> would write.
        /// </summary>
        public bool StillRanked(int docCount, float[][] caches, Buffers buffers)
        {
            if (_runs is not { } runs)
            {
                return false;
            }

            var weights = buffers.Weights(DocFreq, docCount);
            var previous = 0d;
            for (var r = 0; r < runs.Count; r++)
            {
                var key = -Score(runs.Freqs(r), runs.Norms(r), weights, caches);
                // Written so that a NaN fails too: a fresh ranking then decides.
                if (r > 0 && !(previous < key || (previous == key && runs.LastDoc(r - 1) < runs.FirstDoc(r))))
                {
                    return false;
                }

                previous = key;
            }

            return true;
        }

        /// <summary>A posting's score: its field scores summed as Lucene adds them.</summary>
        internal static double Score(ReadOnlySpan<int> freqs, ReadOnlySpan<byte> norms, float[] weights, float[][] caches)
        {
            var score = 0d;
            for (var f = 0; f < weights.Length; f++)
            {
                if (freqs[f] > 0)
                {
                    score += Bm25.Score(weights[f], freqs[f], caches[f][norms[f]]);
                }
            }

            return score;
        }

        /// <summary>The dictionary record: the term (its prefix shared with <paramref name="previous"/> left out), document
        /// frequencies, postings count, blocks (pack and offset each), its facet summary (0 when it has none, else its pack
        /// + 1, then its offset) and inline postings.</summary>
        public void Record(ByteWriter record, string previous, List<(int Pack, int Offset)> blocks, (int Pack, int Offset)? summary)
        {
            BeginRecord(record, previous, Text);
            foreach (var df in DocFreq)
            {
                record.VarInt(df);
            }

            record.VarInt(Total);
            WriteAddresses(record, blocks);
            record.VarInt(summary is { } s ? s.Pack + 1 : 0);
            if (summary is { } at)
            {
                record.VarInt(at.Offset);
            }

            record.Bytes(_inline);
        }

        /// <summary>
        /// Postings as runs of postings alike (the same frequency and norm in every field, so the same score), which in best
        /// first order are in document order: a header byte, the run's length - 1 in its top three bits (7: 8 or more, the
        /// rest following as a varint) over the mask of the fields that have the term; each such field's frequency and norm;
        /// then the first document, and each further one as its gap from the one before. The score is read once a run, and a
        /// deep block, mostly long runs of one body occurrence, costs a byte or two a posting rather than six or more.
        /// </summary>
        private static void WriteEntries(ByteWriter writer, TermPostings postings, Span<int> order, int start, int count)
        {
            var fields = postings.DocFreq.Length;
            for (int i = start, end; i < start + count; i = end)
            {
                var p = order[i];
                for (end = i + 1; end < start + count && Alike(postings, p, order[end]); end++)
                {
                }

                var mask = 0;
                for (var f = 0; f < fields; f++)
                {
                    mask |= postings.Freq(p, f) > 0 ? 1 << f : 0;
                }

                var length = end - i;
                writer.Byte((byte)(mask | (Math.Min(length - 1, RunLengthEscape) << RunLengthShift)));
                if (length - 1 >= RunLengthEscape)
                {
                    writer.VarInt(length - 1 - RunLengthEscape);
                }

                for (var f = 0; f < fields; f++)
                {
                    if (postings.Freq(p, f) > 0)
                    {
                        writer.VarInt(postings.Freq(p, f));
                        writer.Byte(postings.Norm(p, f));
                    }
                }

                writer.VarInt(postings.Doc(p));
                for (var j = i + 1; j < end; j++)
                {
                    writer.VarInt(postings.Doc(order[j]) - postings.Doc(order[j - 1]));
                }
            }
        }

        /// <summary>Whether two postings have the same frequency and norm in every field that has the term: the same score.</summary>
        private static bool Alike(TermPostings postings, int a, int b)
        {
            for (var f = 0; f < postings.DocFreq.Length; f++)
            {
                if (postings.Freq(a, f) != postings.Freq(b, f) || (postings.Freq(a, f) > 0 && postings.Norm(a, f) != postings.Norm(b, f)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>What ranking a term needs, kept by each worker from term to term.</summary>
        public sealed class Buffers
        {
            private readonly float[] _weights = new float[SearchFields.All.Count];

            public TermPostings Postings { get; } = new(SearchFields.All.Count);

            public ByteWriter Writer { get; } = new(4096);

            public double[] Keys { get; private set; } = new double[256];

            public int[] Order { get; private set; } = new int[256];

            /// <summary>Per field, a term's idf · boost · (k1 + 1), from its document frequencies.</summary>
            public float[] Weights(int[] docFreq, int docCount)
            {
                var fields = SearchFields.All;
                for (var f = 0; f < fields.Count; f++)
                {
                    _weights[f] = docFreq[f] == 0 ? 0 : Bm25.WeightValue(Bm25.Idf(docFreq[f], docCount), fields[f].Boost);
                }

                return _weights;
            }

            public void Reserve(int count)
            {
                if (count > Keys.Length)
                {
                    Keys = new double[Math.Max(count, Keys.Length * 2)];
                    Order = new int[Keys.Length];
                }
            }
        }

        /// <summary>
        /// A term's postings best first as runs of postings alike (the same frequency and norm in every field, so the same
        /// score), each with its frequencies, norms, and first and last document: the order, for a check of it, in a few
        /// numbers for many postings.
        /// </summary>
        private sealed class ScoreRuns
        {
            private readonly int _fields;
            private readonly List<int> _freqs = [];
            private readonly List<byte> _norms = [];
            private readonly List<int> _firstDoc = [];
            private readonly List<int> _lastDoc = [];

            private ScoreRuns(int fields) => _fields = fields;

            public int Count => _firstDoc.Count;

            public static ScoreRuns Of(TermPostings postings, ReadOnlySpan<int> order)
            {
                var runs = new ScoreRuns(postings.DocFreq.Length);
                for (var i = 0; i < order.Length; i++)
                {
                    var p = order[i];
                    if (i == 0 || !Alike(postings, order[i - 1], p))
                    {
                        for (var f = 0; f < runs._fields; f++)
                        {
                            runs._freqs.Add(postings.Freq(p, f));
                            // A norm is only read where its field has the term.
                            runs._norms.Add(postings.Freq(p, f) > 0 ? postings.Norm(p, f) : (byte)0);
                        }

                        runs._firstDoc.Add(postings.Doc(p));
                        runs._lastDoc.Add(0);
                    }

                    runs._lastDoc[^1] = postings.Doc(p);
                }

                return runs;
            }

            public ReadOnlySpan<int> Freqs(int run) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_freqs).Slice(run * _fields, _fields);

            public ReadOnlySpan<byte> Norms(int run) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_norms).Slice(run * _fields, _fields);

            public int FirstDoc(int run) => _firstDoc[run];

            public int LastDoc(int run) => _lastDoc[run];
        }

        /// <summary>
        /// Starts a dictionary record, a term's or a pair's: its key as the length of the prefix it shares with the record
        /// before it, then the rest in UTF-8 (with its length).
        /// </summary>
        internal static void BeginRecord(ByteWriter record, string previous, string key)
        {
            var shared = SharedPrefix(previous, key);
            var suffix = Encoding.UTF8.GetBytes(key, shared, key.Length - shared);
            record.Clear();
            record.VarInt(shared);
            record.VarInt(suffix.Length);
            record.Bytes(suffix);
        }

        /// <summary>Where a record's postings blocks are: how many, then each one's pack and offset.</summary>
        internal static void WriteAddresses(ByteWriter record, List<(int Pack, int Offset)> blocks)
        {
            record.VarInt(blocks.Count);
            foreach (var (pack, offset) in blocks)
            {
                record.VarInt(pack);
                record.VarInt(offset);
            }
        }

        /// <summary>Common prefix length in UTF-16 units, never splitting a surrogate pair.</summary>
        private static int SharedPrefix(string a, string b)
        {
            var n = a.AsSpan().CommonPrefixLength(b);
            return n > 0 && char.IsHighSurrogate(a[n - 1]) ? n - 1 : n;
        }
    }
}
