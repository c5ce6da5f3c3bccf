namespace PmSite.Search;

/// <summary>
/// Per term, how many of its post-mortems carry each facet value: the facet counts and the number of results of a one-term
/// query, read in one small fetch however many post-mortems the term is in. A term in fewer than
/// <see cref="BrowserIndex.FacetSummaryMin"/> post-mortems has none: the browser reads those few post-mortems' facet values.
/// </summary>
internal static class FacetSummaries
{
    /// <summary>
    /// The summary of each term that has one (else null): for each facet kind in <see cref="FacetTable.Kinds"/> order, the
    /// values the term's post-mortems carry and how many carry each (see <see cref="Write"/>).
    /// </summary>
    public static byte[]?[] Of(InvertedIndex inverted, FacetTable facets, BrowserIndex.RankedTerm[] terms, string? facetValues)
    {
        var summaries = new byte[]?[terms.Length];
        Parallel.For(0, terms.Length, () => (Postings: new TermPostings(SearchFields.All.Count), Counts: new int[facets.ValueCount], Writer: new ByteWriter()), (t, _, buffers) =>
        {
            if (terms[t].Total < BrowserIndex.FacetSummaryMin)
            {
                return buffers;
            }

            // A term a preview session kept (its postings unchanged) over the same facet values has the summary it had.
            if (facetValues is not null && terms[t].Summary is { } kept && kept.FacetValues == facetValues)
            {
                summaries[t] = kept.Bytes;
                return buffers;
            }

            inverted.Read(t, buffers.Postings);
            var counts = buffers.Counts;
            Array.Clear(counts);
            for (var i = 0; i < buffers.Postings.Count; i++)
            {
                foreach (var value in facets.ValuesOf(buffers.Postings.Doc(i)))
                {
                    counts[value]++;
                }
            }

            var writer = buffers.Writer;
            writer.Clear();
            for (var kind = 0; kind < FacetTable.Kinds.Count; kind++)
            {
                var (first, end) = facets.RangeOf(kind);
                Write(writer, counts.AsSpan(first, end - first));
            }

            summaries[t] = writer.ToArray();
            if (facetValues is not null)
            {
                terms[t].Summary = (facetValues, summaries[t]);
            }

            return buffers;
        }, _ => { });
        return summaries;
    }

    /// <summary>
    /// One kind's counts by value number (0 for a value none of the term's post-mortems carry): <c>2n + 1</c> for n values carried, then a bitmap of them (value v is
    /// bit v % 8 of byte v / 8), or <c>2n</c> and each one's gap from the previous value carried (the value itself for the
    /// first), whichever is smaller; then, in value order, the count of each value carried.
    /// </summary>
    private static void Write(ByteWriter writer, ReadOnlySpan<int> counts)
    {
        int carried = 0, gapBytes = 0, previous = -1;
        for (var v = 0; v < counts.Length; v++)
        {
            if (counts[v] > 0)
            {
                carried++;
                gapBytes += VarIntLength(v - previous - 1);
                previous = v;
            }
        }

        var bitmap = (counts.Length + 7) / 8 < gapBytes;
        writer.VarInt((carried * 2) + (bitmap ? 1 : 0));
        if (bitmap)
        {
            for (var start = 0; start < counts.Length; start += 8)
            {
                var bits = 0;
                for (var v = start; v < Math.Min(start + 8, counts.Length); v++)
                {
                    bits |= counts[v] > 0 ? 1 << (v - start) : 0;
                }

                writer.Byte((byte)bits);
            }
        }
        else
        {
            previous = -1;
            for (var v = 0; v < counts.Length; v++)
            {
                if (counts[v] > 0)
                {
                    writer.VarInt(v - previous - 1);
                    previous = v;
                }
            }
        }

        foreach (var count in counts)
        {
            if (count > 0)
            {
                writer.VarInt(count);
            }
        }
    }

    private static int VarIntLength(int value)
    {
        var length = 1;
        for (; value >= 0x80; value >>= 7)
        {
            length++;
        }

        return length;
    }
}
