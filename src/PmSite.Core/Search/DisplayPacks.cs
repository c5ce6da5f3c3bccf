using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using PmSite.Model;
using PmSite.Rendering;

namespace PmSite.Search;

/// <summary>
/// What a result shows (title, URL, date, severity, services, excerpt, and the text its snippet is cut from), in packs of
/// post-mortems that tend to be found together, so a page of results needs few files. Titles weigh most in the ranking, so
/// title terms lead: in turn, each title term (most frequent first) packs its best-ranked post-mortems not yet packed, until
/// none is left; post-mortems no title term finds are packed in order. A pair of title terms (see <see cref="TermPairs"/>)
/// leads one full pack in its turn, of its best post-mortems not yet packed, so that a query of both its words shows results
/// from few packs, and no pack is left part empty by a pair's short list.
/// </summary>
internal static class DisplayPacks
{
    /// <summary>
    /// The pack of each post-mortem and each pack's JSON, from each leader's number of titles, post-mortems best first, and
    /// the number of packs it may lead (a title term as many as it has post-mortems for, a pair one). A preview session passes the <paramref name="records"/> of its earlier builds, so that only those of the
    /// post-mortems an edit changed are written again.
    /// </summary>
    public static (int[] PackOf, byte[][] Packs) Write(IReadOnlyList<PostMortem> postMortems, IReadOnlyList<(int TitleDocFreq, int[] Best, int Packs)> leaders, SiteUrls urls,
        Records? records = null)
    {
        var packOf = Assign(postMortems.Count, leaders, BrowserIndex.DisplayPack, out var packCount);
        var members = new List<int>[packCount];
        for (var p = 0; p < packCount; p++)
        {
            members[p] = [];
        }

        for (var doc = 0; doc < postMortems.Count; doc++)
        {
            members[packOf[doc]].Add(doc);
        }

        var packs = new byte[packCount][];
        records?.BeginPacks(packCount);
        Parallel.For(0, packCount, () => new Buffers(), (p, _, buffers) =>
        {
            packs[p] = records is null ? Json(members[p], postMortems, urls, null, buffers) : records.Pack(p, members[p], postMortems, urls, buffers);
            return buffers;
        }, _ => { });
        records?.EndPacks();
        return (packOf, packs);
    }

    /// <summary>The pack of each post-mortem: leaders, in most titles first, in turn pack their best post-mortems not yet packed.</summary>
    private static int[] Assign(int docCount, IReadOnlyList<(int TitleDocFreq, int[] Best, int Packs)> leaders, int packSize, out int packCount)
    {
        var packOf = new int[docCount];
        Array.Fill(packOf, -1);
        var ordered = leaders.Select((t, i) => (t.TitleDocFreq, i)).OrderByDescending(t => t.TitleDocFreq).ThenBy(t => t.i).Select(t => leaders[t.i]).ToList();
        var next = new int[ordered.Count];
        var led = new int[ordered.Count];
        var packs = 0;
        for (var progress = true; progress;)
        {
            progress = false;
            for (var t = 0; t < ordered.Count; t++)
            {
                if (led[t] == ordered[t].Packs)
                {
                    continue;
                }

                var best = ordered[t].Best;
                var taken = 0;
                for (; next[t] < best.Length && taken < packSize; next[t]++)
                {
                    if (packOf[best[next[t]]] < 0)
                    {
                        packOf[best[next[t]]] = packs;
                        taken++;
                    }
                }

                if (taken > 0)
                {
                    packs++;
                    led[t]++;
                    progress = true;
                }
            }
        }

        var rest = 0;
        for (var doc = 0; doc < docCount; doc++)
        {
            if (packOf[doc] < 0)
            {
                packOf[doc] = packs + (rest++ / packSize);
            }
        }

        packCount = packs + ((rest + packSize - 1) / packSize);
        return packOf;
    }

    /// <summary>
    /// One pack: <c>{"7":[id,title,date,severity,[services],summaryLength,text],…}</c>, keyed by document number, in document
    /// order. Only what a result shows is kept, and nothing the browser can derive: the date is <c>yyyy-MM-dd</c>, else the
    /// year, else null, and the browser writes it out; the summary is the start of the text, so only its length is kept
    /// (0: none); the URL follows from the id and the base path, and is added as an eighth item only for an id whose lower
    /// case the browser might not spell as .NET does (one outside ASCII). <paramref name="recorded"/>: each document's
    /// record as a session wrote it before, when it keeps them.
    /// </summary>
    private static byte[] Json(List<int> docs, IReadOnlyList<PostMortem> postMortems, SiteUrls urls, byte[][]? recorded, Buffers buffers)
    {
        buffers.Json.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(buffers.Json, BrowserIndex.JsonOptions))
        {
            json.WriteStartObject();
            for (var i = 0; i < docs.Count; i++)
            {
                json.WritePropertyName(docs[i].ToString(CultureInfo.InvariantCulture));
                if (recorded is null)
                {
                    Write(json, postMortems[docs[i]], urls, buffers.Text);
                }
                else
                {
                    json.WriteRawValue(recorded[i], skipInputValidation: true);
                }
            }

            json.WriteEndObject();
        }

        return buffers.Json.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, PostMortem p, SiteUrls urls, StringBuilder text)
    {
        json.WriteStartArray();
        json.WriteStringValue(p.Id);
        json.WriteStringValue(p.Title);
        if (p.Date is { } date)
        {
            json.WriteStringValue(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else if (p.Year is { } year)
        {
            json.WriteNumberValue(year);
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteStringValue(p.Severity);
        json.WriteStartArray();
        foreach (var service in p.Services)
        {
            json.WriteStringValue(service);
        }

        json.WriteEndArray();
        json.WriteNumberValue(p.Summary?.Length ?? 0);
        json.WriteStringValue(SnippetText(p, text));
        if (!Ascii.IsValid(p.Id))
        {
            json.WriteStringValue(urls.Incident(p));
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// The summary, then the body's prose, then the root cause's, joined by line breaks and cut at a word near
    /// <see cref="BrowserIndex.SnippetTextLength"/>. Snippets never come from the ids and tags, nor from code blocks, whose
    /// log lines and commands read badly as prose (and read as prose to the leak verifier). Only what the cut can keep is
    /// copied, and sections past it are never turned into text.
    /// </summary>
    private static string SnippetText(PostMortem p, StringBuilder text)
    {
        // One character past the cut tells whether the text is longer than the cut.
        const int max = BrowserIndex.SnippetTextLength;
        text.Clear();
        void Append(string? value)
        {
            if (value is not null)
            {
                text.Append(value, 0, Math.Min(value.Length, max + 1 - text.Length));
            }
        }

        Append(p.Summary);
        foreach (var cause in (ReadOnlySpan<bool>)[false, true])
        {
            var first = true;
            foreach (var section in p.Sections)
            {
                if (SearchFields.IsCause(section) != cause || text.Length > max)
                {
                    continue;
                }

                // Parts (summary, body, cause) join with one line break, sections within a part with two.
                Append(first ? (text.Length > 0 ? "\n" : "") : "\n\n");
                Append(section.Heading);
                Append("\n");
                Append(section.Prose);
                first = false;
            }
        }

        if (text.Length <= max)
        {
            return text.ToString();
        }

        var cut = max;
        while (cut >= 0 && text[cut] != ' ')
        {
            cut--;
        }

        return text.ToString(0, cut > max / 2 ? cut : max);
    }

    /// <summary>
    /// Each post-mortem's record as a preview session's builds wrote it, for the base path they wrote it with. Keyed by the
    /// parsed post-mortem, which an unchanged file keeps from build to build; the records of post-mortems gone go with them.
    /// A pack of the same post-mortems with the same records as in the build before is that build's pack, the same bytes.
    /// </summary>
    internal sealed class Records
    {
        private readonly ConditionalWeakTable<PostMortem, Record> _records = [];
        private KeptPack?[] _packs = [];
        private KeptPack?[] _next = [];

        public void BeginPacks(int count) => _next = new KeptPack?[count];

        public void EndPacks() => _packs = _next;

        public byte[] Pack(int pack, List<int> docs, IReadOnlyList<PostMortem> postMortems, SiteUrls urls, Buffers buffers)
        {
            var recorded = new byte[docs.Count][];
            for (var i = 0; i < docs.Count; i++)
            {
                recorded[i] = Of(postMortems[docs[i]], urls, buffers.Text);
            }

            if (pack < _packs.Length && _packs[pack] is { } kept && kept.IsFor(docs, recorded))
            {
                _next[pack] = kept;
                return kept.Json;
            }

            var json = Json(docs, postMortems, urls, recorded, buffers);
            _next[pack] = new KeptPack([.. docs], recorded, json);
            return json;
        }

        public byte[] Of(PostMortem postMortem, SiteUrls urls, StringBuilder text)
        {
            if (_records.TryGetValue(postMortem, out var kept) && kept.BasePath == urls.BasePath)
            {
                return kept.Json;
            }

            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var json = new Utf8JsonWriter(buffer, BrowserIndex.JsonOptions))
            {
                Write(json, postMortem, urls, text);
            }

            var record = buffer.WrittenSpan.ToArray();
            _records.AddOrUpdate(postMortem, new Record(urls.BasePath, record));
            return record;
        }

        private sealed record Record(string BasePath, byte[] Json);

        private sealed record KeptPack(int[] Docs, byte[][] Recorded, byte[] Json)
        {
            public bool IsFor(List<int> docs, byte[][] recorded)
            {
                if (docs.Count != Docs.Length)
                {
                    return false;
                }

                for (var i = 0; i < Docs.Length; i++)
                {
                    if (docs[i] != Docs[i] || !ReferenceEquals(recorded[i], Recorded[i]))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }

    /// <summary>What writing a pack needs, kept by each worker from pack to pack.</summary>
    internal sealed class Buffers
    {
        public System.Buffers.ArrayBufferWriter<byte> Json { get; } = new(64 * 1024);

        public StringBuilder Text { get; } = new(BrowserIndex.SnippetTextLength + 1);
    }
}
