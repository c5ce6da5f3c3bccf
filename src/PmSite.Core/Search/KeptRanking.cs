using PmSite.Model;

namespace PmSite.Search;

/// <summary>
/// The ranked terms of a preview session's last browser index, with the post-mortems they were ranked from. An edit
/// changes the postings of only the terms of the post-mortems it changed, but the statistics (document count, average
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
    /// Starts an index of <paramref name="postMortems"/>, all of them analysed: a term may have other postings than in the
    /// last index only if it is a term of a post-mortem not at the same position as then, or of the one that was there.
    /// </summary>
    public void Begin(IReadOnlyList<PostMortem> postMortems)
    {
        _changed = new(StringComparer.Ordinal);
        for (var doc = 0; doc < Math.Max(postMortems.Count, _postMortems.Length); doc++)
        {
            var before = doc < _postMortems.Length ? _postMortems[doc] : null;
            var now = doc < postMortems.Count ? postMortems[doc] : null;
            if (!ReferenceEquals(before, now) && !(AddTerms(before) && AddTerms(now)))
            {
                _terms.Clear();
                return;
            }
        }

        bool AddTerms(PostMortem? postMortem)
        {
            if (postMortem is null)
            {
                return true;
            }

            if (analyses.Find(postMortem) is not { } analysis)
            {
                return false;
            }

            _changed.UnionWith(analysis.Terms);
            return true;
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
}
