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
    /// number of values the term's post-mortems carry, then for each, in value order, the gap from the previous value
    /// (the value itself for the first) and the number of the term's post-mortems that carry it.
    /// </summary>
    public static byte[]?[] Of(InvertedIndex inverted, FacetTable facets, IReadOnlyList<int> totals)
    {
        var summaries = new byte[]?[totals.Count];
        Parallel.For(0, totals.Count, () => (Postings: new TermPostings(SearchFields.All.Count), Counts: new int[facets.ValueCount], Writer: new ByteWriter()), (t, _, buffers) =>
        {
            if (totals[t] < BrowserIndex.FacetSummaryMin)
            {
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
                var carried = 0;
                for (var v = first; v < end; v++)
                {
                    carried += counts[v] > 0 ? 1 : 0;
                }

                writer.VarInt(carried);
                var previous = -1;
                for (var v = first; v < end; v++)
                {
                    if (counts[v] > 0)
                    {
                        writer.VarInt(v - first - previous - 1);
                        writer.VarInt(counts[v]);
                        previous = v - first;
                    }
                }
            }

            summaries[t] = writer.ToArray();
            return buffers;
        }, _ => { });
        return summaries;
    }
}
