using System.Text.Encodings.Web;
using System.Text.Json;
using PmSite.Content;
using PmSite.Model;

namespace PmSite.Search;

/// <summary>
/// The facet values of the browser index (severity, service, tag, year) with their counts, and each
/// document's values as indexes into those lists, in chunks of documents for filtering in the browser.
/// </summary>
internal sealed class FacetTable
{
    public static readonly IReadOnlyList<string> Kinds = ["severity", "service", "tag", "year"];

    private readonly KnowledgeBase _knowledgeBase;
    private readonly IReadOnlyList<IReadOnlyList<FacetValue>> _values;
    private readonly IReadOnlyList<Dictionary<string, int>> _indexes;
    private readonly int[] _firsts;
    private readonly Lazy<int[][]> _valuesOf;

    private FacetTable(KnowledgeBase knowledgeBase)
    {
        _knowledgeBase = knowledgeBase;
        _values = [knowledgeBase.Severities, knowledgeBase.Services, knowledgeBase.Tags, knowledgeBase.Years];
        _indexes = _values.Select(list => list.Select((v, i) => (v.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal)).ToList();
        _firsts = new int[Kinds.Count + 1];
        for (var k = 0; k < Kinds.Count; k++)
        {
            _firsts[k + 1] = _firsts[k] + _values[k].Count;
        }

        _valuesOf = new(() => [.. knowledgeBase.PostMortems.Select(Values)]);
    }

    /// <summary>The number of facet values of all kinds: each has a number, those of a kind consecutive (see <see cref="RangeOf"/>).</summary>
    public int ValueCount => _firsts[^1];

    /// <summary>The numbers of a kind's values: from <c>First</c> (its first value) up to <c>End</c>, excluded.</summary>
    public (int First, int End) RangeOf(int kind) => (_firsts[kind], _firsts[kind + 1]);

    /// <summary>The numbers of the facet values a post-mortem carries, each once.</summary>
    public int[] ValuesOf(int doc) => _valuesOf.Value[doc];

    public static FacetTable Of(KnowledgeBase knowledgeBase) => new(knowledgeBase);

    /// <summary><c>{"severity":[["SEV1",3],…],"service":…,"tag":…,"year":…}</c>.</summary>
    public byte[] Json()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = BrowserIndex.HtmlSafeJson }))
        {
            json.WriteStartObject();
            for (var k = 0; k < Kinds.Count; k++)
            {
                json.WriteStartArray(Kinds[k]);
                foreach (var value in _values[k])
                {
                    json.WriteStartArray();
                    json.WriteStringValue(value.Name);
                    json.WriteNumberValue(value.PostMortems.Count);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>
    /// For each document of a range: its severity + 1 (0: none), year + 1, then the service and tag indexes, each list counted.
    /// </summary>
    public byte[] DocChunk(int first, int count)
    {
        var writer = new ByteWriter();
        for (var doc = first; doc < first + count; doc++)
        {
            var p = _knowledgeBase.PostMortems[doc];
            writer.VarInt(p.Severity is { } s && _indexes[0].TryGetValue(s, out var sev) ? sev + 1 : 0);
            writer.VarInt(p.Year is { } y && _indexes[3].TryGetValue(y.ToString(System.Globalization.CultureInfo.InvariantCulture), out var year) ? year + 1 : 0);
            Indexes(writer, p.Services, _indexes[1]);
            Indexes(writer, p.Tags, _indexes[2]);
        }

        return writer.ToArray();
    }

    private int[] Values(PostMortem p)
    {
        var values = new SortedSet<int>();
        if (p.Severity is { } s && _indexes[0].TryGetValue(s, out var sev))
        {
            values.Add(_firsts[0] + sev);
        }

        foreach (var (list, kind) in new[] { (p.Services, 1), (p.Tags, 2) })
        {
            foreach (var value in list)
            {
                if (_indexes[kind].TryGetValue(value, out var index))
                {
                    values.Add(_firsts[kind] + index);
                }
            }
        }

        if (p.Year is { } y && _indexes[3].TryGetValue(y.ToString(System.Globalization.CultureInfo.InvariantCulture), out var year))
        {
            values.Add(_firsts[3] + year);
        }

        return [.. values];
    }

    private static void Indexes(ByteWriter writer, IReadOnlyList<string> values, Dictionary<string, int> indexes)
    {
        var known = 0;
        foreach (var value in values)
        {
            known += indexes.ContainsKey(value) ? 1 : 0;
        }

        writer.VarInt(known);
        foreach (var value in values)
        {
            if (indexes.TryGetValue(value, out var index))
            {
                writer.VarInt(index);
            }
        }
    }
}
