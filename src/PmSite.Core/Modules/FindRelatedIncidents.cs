using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Pipelines;
using PmSite.Related;

namespace PmSite.Modules;

/// <summary>Works out, once for the whole knowledge base, which incidents relate to which; pages read the result.</summary>
public sealed class FindRelatedIncidents : IModule
{
    public const string Key = "RelatedIncidents";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var cache = context.Get<Incremental.BuildCache>();
        var similarities = cache.Session ? cache.Similarities : null;
        return Task.FromResult(inputs.Select(d =>
        {
            if (d.Get<KnowledgeBase>(BuildKnowledgeBase.Key) is not { } knowledgeBase)
            {
                return d;
            }

            var similarity = SimilarityIndex.Build(knowledgeBase.PostMortems, similarities);
            return d.With(Key, new RelatedIncidents(knowledgeBase, similarity, RecurringThemes.Find(similarity), cache.Session ? cache.Related : null));
        }).ToImmutableArray());
    }

    public static RelatedIncidents From(IExecutionContext context) =>
        context.OutputsOf(SitePipelines.Content).Single().Require<RelatedIncidents>(Key);
}
