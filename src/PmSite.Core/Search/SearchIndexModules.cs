using System.Collections.Immutable;
using PmSite.Building;
using PmSite.Incremental;
using PmSite.Modules;
using PmSite.Pipelines;

namespace PmSite.Search;

/// <summary>Writes the browser's static index under <c>/search/</c> (see <see cref="BrowserIndex"/>).</summary>
public sealed class BuildSearchIndex : IModule
{
    public const string BytesKey = "Bytes";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var knowledgeBase = BuildKnowledgeBase.From(context);
        if (knowledgeBase.PostMortems.Count == 0)
        {
            return Task.FromResult(ImmutableArray<Document>.Empty);
        }

        // In a preview session, post-mortems analysed by an earlier build are not analysed again.
        var cache = context.Get<BuildCache>();
        return Task.FromResult(BrowserIndex.Write(knowledgeBase, analyses: cache.Session ? cache.SearchAnalyses : null)
            .Select(file => new Document { Destination = file.Path }.With(BytesKey, file.Bytes))
            .ToImmutableArray());
    }
}

/// <summary>Writes documents carrying bytes (the binary and JSON files of the search index) into the build's output.</summary>
public sealed class WriteIndexFiles : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var target = context.Get<SiteOutput>();
        Parallel.ForEach(inputs.Where(d => d.Destination is not null), new ParallelOptions { CancellationToken = context.CancellationToken }, document =>
            target.Write(document.Destination!, document.Require<byte[]>(BuildSearchIndex.BytesKey)));

        return Task.FromResult(inputs);
    }
}
