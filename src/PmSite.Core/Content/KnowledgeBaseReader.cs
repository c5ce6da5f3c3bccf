using PmSite.Diagnostics;
using PmSite.Model;
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
    public static Task<(KnowledgeBase KnowledgeBase, IReadOnlyList<Diagnostic> Diagnostics)> ReadAsync(string inputFolder, CancellationToken cancellationToken = default)
    {
        var settingsDiagnostics = new DiagnosticBag();
        var settings = SettingsReader.Read(new InputFolder(inputFolder).Root, settingsDiagnostics);
        return ReadAsync(inputFolder, settings, lint: false, settingsDiagnostics, cancellationToken);
    }

    /// <summary>
    /// The folder read with <paramref name="settings"/> given rather than read from <c>pmsite.yml</c>, and linted as a build
    /// lints it when <paramref name="lint"/> is set (for <c>pmsite init</c>, which compares readings).
    /// </summary>
    public static async Task<(KnowledgeBase KnowledgeBase, IReadOnlyList<Diagnostic> Diagnostics)> ReadAsync(
        string inputFolder, SiteSettings settings, bool lint, DiagnosticBag? earlier = null, CancellationToken cancellationToken = default)
    {
        var engine = new Engine();
        if (earlier is not null)
        {
            engine.Diagnostics.AddRange(earlier);
        }

        var cache = new BuildCache(reuseOutput: false);
        cache.BeginBuild();
        engine.Provide(new InputFolder(inputFolder)).Provide(settings).Provide(cache);
        var content = new Pipeline(SitePipelines.Content);
        content.Input.Add(lint ? new ReadPostMortems(then: new Authoring.Lint.LintPostMortems()) : new ReadPostMortems());
        content.Process.Add(new BuildKnowledgeBase());
        engine.Add(content);
        var outputs = await engine.RunAsync(cancellationToken);
        return (outputs[SitePipelines.Content].Single().Require<KnowledgeBase>(BuildKnowledgeBase.Key), engine.Diagnostics.Sorted());
    }
}
