using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Search;
using PmSite.Content;
using PmSite.Markdown;
using PmSite.Model;
using PmSite.Rendering;

namespace PmSite.Search;

/// <summary>One file of the browser index: its path under the site and its bytes.</summary>
public sealed record IndexFile(string Path, byte[] Bytes);

/// <summary>
/// Writes the static index that <c>assets/search.js</c> queries, from Lucene's own index and statistics.
/// A query fetches only what it needs, so its cost does not grow with the number of post-mortems:
/// <list type="bullet">
/// <item><c>manifest.json</c>: collection statistics, field weights, and each shard's first term and term number.</item>
/// <item><c>terms/N.bin</c>: a range of the sorted term dictionary, each term with its per-field document
/// frequencies and its best <see cref="InlinePostings"/> postings (at most <see cref="ShardBytes"/> a shard).</item>
/// <item><c>postings/T-J.bin</c>: the rest of a frequent term's postings in blocks that double in size up to
/// <see cref="MaxBlock"/> postings, fetched only while they can still change the top results.</item>
/// <item><c>docs/N.json</c>: one result's display data (title, URL, date, severity, excerpt, snippet text).</item>
/// <item><c>facets.json</c> (values and counts) and <c>doc-facets/N.bin</c> (each document's values, by range).</item>
/// </list>
/// Postings are impact-ordered: by the term's BM25 score in the document, best first, so the top results
/// of a query come from the first block. Each posting keeps, per field, the term frequency and Lucene's
/// norm byte, and the browser computes the same single-precision BM25 as Lucene. Binary files use
/// unsigned LEB128 varints. Everything is sorted, so the same input gives the same bytes.
/// </summary>
public static class BrowserIndex
{
    public const int Format = 1;
    public const int InlinePostings = 32;
    public const int FirstBlock = 128;
    public const int MaxBlock = 4096;
    public const int ShardBytes = 12 * 1024;
    public const int DocFacetChunk = 1024;
    public const int SnippetTextLength = 1500;

    // Any Unicode letter as it is, but <, >, & and quotes escaped: the files stay safe even if inlined into a page.
    internal static readonly JavaScriptEncoder HtmlSafeJson = JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    // Declared after the encoder it uses: static fields are set in the order they are written.
    private static readonly JsonWriterOptions s_json = new() { Encoder = HtmlSafeJson };

    public static IReadOnlyList<IndexFile> Write(SearchIndex index, string folder = "search/")
    {
        var knowledgeBase = index.KnowledgeBase;
        var reader = index.Reader;
        var docCount = reader.MaxDoc;
        if (docCount != knowledgeBase.PostMortems.Count)
        {
            throw new InvalidOperationException("the Lucene index does not hold one document per post-mortem");
        }

        var files = new List<IndexFile>();
        var fields = SearchFields.All;
        var fieldStats = new List<(long SumTotalTermFreq, float[] Cache, NumericDocValues? Norms)>();
        var postings = new SortedDictionary<string, TermPostings>(StringComparer.Ordinal);
        for (var f = 0; f < fields.Count; f++)
        {
            var terms = reader.Fields?.GetTerms(fields[f].Name);
            var sum = terms?.SumTotalTermFreq ?? 0;
            fieldStats.Add((sum, Bm25.LengthCache(Bm25.AverageFieldLength(sum, docCount)), reader.GetNormValues(fields[f].Name)));
            if (terms is null)
            {
                continue;
            }

            var termsEnum = terms.GetEnumerator();
            DocsEnum? docs = null;
            while (termsEnum.MoveNext())
            {
                var text = termsEnum.Term.Utf8ToString();
                if (!postings.TryGetValue(text, out var term))
                {
                    postings[text] = term = new TermPostings(fields.Count);
                }

                term.DocFreq[f] = termsEnum.DocFreq;
                docs = termsEnum.Docs(null, docs, DocsFlags.FREQS);
                int doc;
                while ((doc = docs.NextDoc()) != DocIdSetIterator.NO_MORE_DOCS)
                {
                    term.Add(doc, f, docs.Freq, (byte)fieldStats[f].Norms!.Get(doc));
                }
            }
        }

        // Shards of the term dictionary, each term with its best postings inline.
        var shardFirstTerms = new List<(string Term, int Ordinal)>();
        var shard = new ByteWriter();
        var shardTerms = 0;
        var previous = "";
        var ordinal = 0;
        void FlushShard()
        {
            if (shardTerms == 0)
            {
                return;
            }

            var bytes = new ByteWriter();
            bytes.VarInt(shardTerms);
            bytes.Bytes(shard.ToArray());
            files.Add(new IndexFile($"{folder}terms/{shardFirstTerms.Count - 1}.bin", bytes.ToArray()));
            shard = new ByteWriter();
            shardTerms = 0;
        }

        foreach (var (text, term) in postings)
        {
            var weights = new float[fields.Count];
            for (var f = 0; f < fields.Count; f++)
            {
                weights[f] = term.DocFreq[f] == 0 ? 0 : Bm25.WeightValue(Bm25.Idf(term.DocFreq[f], docCount), fields[f].Boost);
            }

            var entries = term.Entries(weights, fieldStats.Select(s => s.Cache).ToList());
            var inline = Math.Min(entries.Count, InlinePostings);
            var blocks = new List<(int Start, int Count)>();
            for (int start = inline, size = FirstBlock; start < entries.Count; start += size, size = Math.Min(size * 2, MaxBlock))
            {
                blocks.Add((start, Math.Min(size, entries.Count - start)));
            }

            ByteWriter Record(int shared)
            {
                var record = new ByteWriter();
                var suffix = Encoding.UTF8.GetBytes(text[shared..]);
                record.VarInt(shared);
                record.VarInt(suffix.Length);
                record.Bytes(suffix);
                foreach (var df in term.DocFreq)
                {
                    record.VarInt(df);
                }

                record.VarInt(entries.Count);
                record.VarInt(blocks.Count);
                WriteEntries(record, entries, 0, inline);
                return record;
            }

            var record = Record(shardTerms == 0 ? 0 : SharedPrefix(previous, text));
            if (shardTerms > 0 && shard.Length + record.Length > ShardBytes)
            {
                FlushShard();
                record = Record(0);
            }

            if (shardTerms == 0)
            {
                shardFirstTerms.Add((text, ordinal));
            }

            shard.Bytes(record.ToArray());
            shardTerms++;
            previous = text;

            for (var j = 0; j < blocks.Count; j++)
            {
                var block = new ByteWriter();
                block.VarInt(blocks[j].Count);
                WriteEntries(block, entries, blocks[j].Start, blocks[j].Count);
                files.Add(new IndexFile($"{folder}postings/{ordinal}-{j}.bin", block.ToArray()));
            }

            ordinal++;
        }

        FlushShard();

        var facets = FacetTable.Of(knowledgeBase);
        files.Add(new IndexFile(folder + "facets.json", facets.Json()));
        for (var chunk = 0; chunk * DocFacetChunk < docCount; chunk++)
        {
            files.Add(new IndexFile($"{folder}doc-facets/{chunk}.bin", facets.DocChunk(chunk * DocFacetChunk, Math.Min(DocFacetChunk, docCount - (chunk * DocFacetChunk)))));
        }

        var urls = new SiteUrls(knowledgeBase.Settings.BaseUrl);
        for (var doc = 0; doc < docCount; doc++)
        {
            files.Add(new IndexFile($"{folder}docs/{doc}.json", DisplayData(knowledgeBase.PostMortems[doc], urls)));
        }

        files.Add(new IndexFile(folder + "manifest.json", Manifest(docCount, fieldStats.Select(s => s.SumTotalTermFreq).ToList(), shardFirstTerms, ordinal)));
        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Common prefix length in UTF-16 units, never splitting a surrogate pair.</summary>
    private static int SharedPrefix(string a, string b)
    {
        var n = 0;
        var max = Math.Min(a.Length, b.Length);
        while (n < max && a[n] == b[n])
        {
            n++;
        }

        if (n > 0 && char.IsHighSurrogate(a[n - 1]))
        {
            n--;
        }

        return n;
    }

    private static void WriteEntries(ByteWriter writer, List<Posting> entries, int start, int count)
    {
        for (var i = start; i < start + count; i++)
        {
            var entry = entries[i];
            writer.VarInt(entry.Doc);
            writer.Byte((byte)entry.Mask);
            for (var f = 0; f < entry.Freqs.Length; f++)
            {
                if ((entry.Mask & (1 << f)) != 0)
                {
                    writer.VarInt(entry.Freqs[f]);
                    writer.Byte(entry.Norms[f]);
                }
            }
        }
    }

    private static byte[] Manifest(int docCount, IReadOnlyList<long> sums, IReadOnlyList<(string Term, int Ordinal)> shards, int terms)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_json))
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
            json.WriteNumber("docFacetChunk", DocFacetChunk);
            json.WriteStartArray("shards");
            foreach (var (first, ordinal) in shards)
            {
                json.WriteStartArray();
                json.WriteStringValue(first);
                json.WriteNumberValue(ordinal);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    private static byte[] DisplayData(PostMortem p, SiteUrls urls)
    {
        var summary = ViewFactory.Excerpt(p.Summary, 280);
        // Snippets come from the summary, then the body, then the root cause: never from the ids and tags, and never
        // from code blocks, whose log lines and commands read badly as prose (and read as prose to the leak verifier).
        static string Prose(IEnumerable<Section> sections) => string.Join("\n\n", sections.Select(s =>
            s.Heading + "\n" + PlainText.Of(s.Blocks.Where(b => b is not Markdig.Syntax.CodeBlock))));
        var text = string.Join("\n", new[] { p.Summary ?? "", Prose(p.Sections.Where(s => !SearchFields.IsCause(s))), Prose(p.Sections.Where(SearchFields.IsCause)) }
            .Where(t => t.Length > 0));
        if (text.Length > SnippetTextLength)
        {
            var cut = text.LastIndexOf(' ', SnippetTextLength);
            text = text[..(cut > SnippetTextLength / 2 ? cut : SnippetTextLength)];
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_json))
        {
            json.WriteStartObject();
            json.WriteString("id", p.Id);
            json.WriteString("title", p.Title);
            json.WriteString("url", urls.Incident(p));
            json.WriteString("date", p.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteString("dateDisplay", ViewFactory.DateDisplay(p));
            json.WriteString("severity", p.Severity);
            json.WriteStartArray("services");
            foreach (var service in p.Services)
            {
                json.WriteStringValue(service);
            }

            json.WriteEndArray();
            json.WriteStartArray("tags");
            foreach (var tag in p.Tags)
            {
                json.WriteStringValue(tag);
            }

            json.WriteEndArray();
            json.WriteString("summary", summary);
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>One document's postings of a term: fields it occurs in, and per field the frequency and norm byte.</summary>
    private sealed record Posting(int Doc, int Mask, int[] Freqs, byte[] Norms, double Score);

    private sealed class TermPostings(int fieldCount)
    {
        private readonly SortedDictionary<int, (int[] Freqs, byte[] Norms)> _byDoc = [];

        public int[] DocFreq { get; } = new int[fieldCount];

        public void Add(int doc, int field, int freq, byte norm)
        {
            if (!_byDoc.TryGetValue(doc, out var entry))
            {
                _byDoc[doc] = entry = (new int[fieldCount], new byte[fieldCount]);
            }

            entry.Freqs[field] = freq;
            entry.Norms[field] = norm;
        }

        /// <summary>Postings best first: by the term's summed field scores (as Lucene adds them), then by document.</summary>
        public List<Posting> Entries(float[] weights, IReadOnlyList<float[]> caches)
        {
            var list = new List<Posting>(_byDoc.Count);
            foreach (var (doc, (freqs, norms)) in _byDoc)
            {
                var mask = 0;
                var score = 0d;
                for (var f = 0; f < freqs.Length; f++)
                {
                    if (freqs[f] > 0)
                    {
                        mask |= 1 << f;
                        score += Bm25.Score(weights[f], freqs[f], caches[f][norms[f]]);
                    }
                }

                list.Add(new Posting(doc, mask, freqs, norms, score));
            }

            list.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : a.Doc.CompareTo(b.Doc));
            return list;
        }
    }
}
