using System.Runtime.CompilerServices;
using PmSite.Model;

namespace PmSite.Related;

/// <summary>
/// What similarity computed in the earlier builds of a preview session: each post-mortem's weighted terms (keyed by the
/// parsed post-mortem, which an unchanged file keeps from build to build), and the last index with the terms it was
/// made from. An edit that leaves every post-mortem's terms as they were (a timeline, an action item, a lesson) reuses
/// the whole index; any other edit computes it again, but analyses only the edited post-mortem.
/// </summary>
public sealed class SimilarityCache
{
    private readonly ConditionalWeakTable<PostMortem, (string Term, double Count, string Surface)[]> _terms = [];

    internal ((string Term, double Count, string Surface)[][] Terms, SimilarityIndex Index)? Previous { get; set; }

    internal (string Term, double Count, string Surface)[] TermsOf(PostMortem postMortem, Func<PostMortem, (string Term, double Count, string Surface)[]> extract) =>
        _terms.GetValue(postMortem, p => extract(p));
}
