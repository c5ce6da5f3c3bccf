using PmSite.Model;

namespace PmSite.Search;

/// <summary>
/// The ranked terms of a preview session's last browser index, with the post-mortems they were ranked from. An edit
/// changes the postings of only some terms of the post-mortems it changed, but the statistics (document count, average
/// field lengths) that every term's scores depend on; a term whose postings are the same keeps its encoded postings when
/// its order still holds (<see cref="BrowserIndex.RankedTerm.StillRanked"/>), so only the others are ranked again.
/// </summary>
internal sealed class KeptRanking(DocumentAnalyses analyses)
{
    private PostMortem[] _postMortems = [];
    private Dictionary<string, BrowserIndex.RankedTerm> _terms = new(StringComparer.Ordinal);

    // Terms whose postings may differ from those the kept terms were ranked from.
    private HashSet<string> _changed = new(StringComparer.Ordinal);

    /// <summary>
    /// Starts an index of <paramref name="postMortems"/>, all of them analysed. Where a position holds another post-mortem
    /// than in the last index, a term has other postings only if its frequency or its field's norm differs between the two.
    /// </summary>
    public void Begin(IReadOnlyList<PostMortem> postMortems)
    {
        _changed = new(StringComparer.Ordinal);
        for (var doc = 0; doc < Math.Max(postMortems.Count, _postMortems.Length); doc++)
        {
            var before = doc < _postMortems.Length ? _postMortems[doc] : null;
            var now = doc < postMortems.Count ? postMortems[doc] : null;
            if (ReferenceEquals(before, now))
            {
                continue;
            }

            var (was, @is) = (before is null ? null : analyses.Find(before), now is null ? null : analyses.Find(now));
            if ((before is not null && was is null) || (now is not null && @is is null))
            {
                _terms.Clear();
                return;
            }

            AddChanged(was, @is);
        }
    }

    /// <summary>The term as the last index ranked it, if its postings are the same now.</summary>
    public BrowserIndex.RankedTerm? Find(string term) =>
        _terms.TryGetValue(term, out var kept) && !_changed.Contains(term) ? kept : null;

    /// <summary>Keeps an index's ranked terms, and the post-mortems they were ranked from, for the next index.</summary>
    public void Keep(IReadOnlyList<PostMortem> postMortems, BrowserIndex.RankedTerm[] terms)
    {
        _postMortems = [.. postMortems];
        _terms = terms.ToDictionary(t => t.Text, StringComparer.Ordinal);
    }

    /// <summary>The terms whose frequency or norm, in any field, differs between two analyses of one position (null: none there).</summary>
    private void AddChanged(InvertedIndex.Analysis? before, InvertedIndex.Analysis? now)
    {
        var freqs = new Dictionary<(string Term, byte Field), int>();
        for (var o = 0; before is not null && o < before.Terms.Length; o++)
        {
            freqs[(before.Terms[o], before.Fields[o])] = before.Freqs[o];
        }

        var sameNorm = new bool[SearchFields.All.Count];
        for (var f = 0; before is not null && now is not null && f < sameNorm.Length; f++)
        {
            sameNorm[f] = Bm25.EncodeNorm(before.Lengths[f]) == Bm25.EncodeNorm(now.Lengths[f]);
        }

        for (var o = 0; now is not null && o < now.Terms.Length; o++)
        {
            if (!freqs.Remove((now.Terms[o], now.Fields[o]), out var freq) || freq != now.Freqs[o] || !sameNorm[now.Fields[o]])
            {
                _changed.Add(now.Terms[o]);
            }
        }

        // Those the position has no more.
        foreach (var (term, _) in freqs.Keys)
        {
            _changed.Add(term);
        }
    }
}
