using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Modules;
using PmSite.Parsing;
using PmSite.Pipelines;

namespace PmSite.Content;

/// <summary>
/// Reads a knowledge base without building a site: the content pipeline alone, for commands that need the
/// post-mortems (search) and for tests.
/// </summary>
public static class KnowledgeBaseReader
{
    public static async Task<(KnowledgeBase KnowledgeBase, IReadOnlyList<Diagnostic> Diagnostics)> ReadAsync(string inputFolder, CancellationToken cancellationToken = default)
    {
        var input = new InputFolder(inputFolder);
        var engine = new Engine();
        var cache = new BuildCache(reuseOutput: false);
        cache.BeginBuild();
        engine.Provide(input).Provide(SettingsReader.Read(input.Root, engine.Diagnostics)).Provide(cache);
        var content = new Pipeline(SitePipelines.Content);
        content.Input.Add(new ReadPostMortems());
        content.Process.Add(new BuildKnowledgeBase());
        engine.Add(content);
        var outputs = await engine.RunAsync(cancellationToken);
        return (outputs[SitePipelines.Content].Single().Require<KnowledgeBase>(BuildKnowledgeBase.Key), engine.Diagnostics.Sorted());
    }
}
