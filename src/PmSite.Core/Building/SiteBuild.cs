using System.Diagnostics;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Modules;
using PmSite.Parsing;
using PmSite.Pipelines;
using PmSite.Redaction;
using PmSite.Rendering;

namespace PmSite.Building;

/// <summary>What a build did: its findings, what it wrote, and how long each phase took.</summary>
public sealed record BuildResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    int PostMortems,
    int Pages,
    int Files,
    TimeSpan Elapsed,
    IReadOnlyDictionary<(string Pipeline, Phase Phase), TimeSpan> Timings)
{
    /// <summary>Bytes allocated by each phase, when the build ran one phase at a time; empty otherwise.</summary>
    public IReadOnlyDictionary<(string Pipeline, Phase Phase), long> Allocations { get; init; } = new Dictionary<(string, Phase), long>();

    /// <summary>Each phase's CPU time, only when the build ran one phase at a time (<see cref="BuildOptions.OnePhaseAtATime"/>).</summary>
    public IReadOnlyDictionary<(string Pipeline, Phase Phase), TimeSpan> CpuTimings { get; init; } = new Dictionary<(string, Phase), TimeSpan>();

    public bool Succeeded => Diagnostics.All(d => d.Level != DiagnosticLevel.Error);

    public int Errors => Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);

    public int Warnings => Diagnostics.Count(d => d.Level == DiagnosticLevel.Warning);

    /// <summary>How completely the post-mortems were read, for the summary a build ends with.</summary>
    public Coverage? Coverage { get; init; }
}

/// <summary>How many of the post-mortems read have each piece of metadata, stated or inferred.</summary>
public sealed record Coverage(int PostMortems, int WithDate, int WithSeverity, int WithStatus, int WithServices, int WithAuthors)
{
    public static Coverage Of(IReadOnlyList<PostMortem> postMortems) => new(
        postMortems.Count,
        postMortems.Count(p => p.Date is not null),
        postMortems.Count(p => p.Severity is not null),
        postMortems.Count(p => p.Status is not null),
        postMortems.Count(p => p.Services.Count > 0),
        postMortems.Count(p => p.Authors.Count > 0));
}

/// <summary>
/// Builds a site: reads settings, runs the pipelines into a staging folder, and swaps it in only if no
/// error was found (a preview's rebuilds replace only the changed files, see <see cref="OutputUpdate"/>).
/// Errors leave the previous output folder untouched.
/// </summary>
public static class SiteBuild
{
    /// <summary>The theme shipped beside the program (copied there at build time).</summary>
    public static string DefaultThemeFolder => Path.Combine(AppContext.BaseDirectory, "theme");

    public static Task<BuildResult> RunAsync(BuildOptions options, CancellationToken cancellationToken = default) =>
        options.Cache is { } cache ? cache.RunAsync(() => BuildAsync(options, cancellationToken)) : BuildAsync(options, cancellationToken);

    private static async Task<BuildResult> BuildAsync(BuildOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        // Before anything is written beside it: the output must be a folder PmSite may replace, and no other build's.
        var outputFull = OutputFolder.Check(options.OutputFolder, options.InputFolder, options.ThemeFolder ?? DefaultThemeFolder);
        using var outputLock = OutputLock.Take(outputFull);
        StagingFolder.DeleteLeftovers(outputFull);
        var input = new InputFolder(options.InputFolder);
        var engine = new Engine { OnePhaseAtATime = options.OnePhaseAtATime };
        if (!Directory.Exists(input.Root))
        {
            engine.Diagnostics.Error(options.InputFolder, 0, "input", "the input folder does not exist");
            return Result(engine, 0, 0, stopwatch);
        }

        var settings = SettingsReader.Read(input.Root, engine.Diagnostics);
        if (options.BaseUrl is { } baseUrl)
        {
            settings = settings with { BaseUrl = baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/" };
        }

        var theme = new Theme(options.ThemeFolder ?? DefaultThemeFolder);
        var edition = new PublicEdition(options.Public);
        var cache = options.Cache ?? new BuildCache(reuseOutput: false);
        cache.BeginBuild();
        var settingsKey = Fingerprint.Json(settings) ?? "";
        var viewsKey = string.Join('\n', settingsKey, options.Now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), options.Public ? "public" : "internal");
        cache.UseViews(cache.Session && !options.Public ? viewsKey : null);
        var views = new ViewFactory(settings, new SiteUrls(settings.BaseUrl), options.Now, isPublic: options.Public, kept: cache.Views?.Summaries);
        // The public edition is always built afresh: nothing of an earlier build may stand in for redacted pages.
        var reuse = cache.ReuseOutput && !options.Public;
        var pageCache = reuse ? PageCache.Open(options.OutputFolder, Fingerprint.OfFolder(theme.Folder), cache.Session ? cache.Models : null) : null;
        cache.Store = !reuse ? null
            : cache.Store is { } store && store.IsFor(options.OutputFolder, settingsKey) ? store
            : LintStore.Open(options.OutputFolder, settingsKey);
        // A preview's rebuilds change only the files whose bytes changed; other builds swap in a whole new folder.
        using SiteOutput output = reuse && cache.Session && Directory.Exists(outputFull)
            ? new OutputUpdate(outputFull, cache.FilesOf(outputFull), cache.FilesKept(outputFull))
            : new StagingFolder(outputFull) { DeleteInBackground = cache.DeleteInBackground };
        engine.Provide(input).Provide(settings).Provide(options).Provide(output).Provide(edition).Provide(cache)
            .Provide(new SiteRenderer(theme, views, settings, pageCache));
        if (options.Progress is { } progress)
        {
            engine.PhaseCompleted = (pipeline, phase, documents) =>
                progress(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{pipeline}: {phase} ({documents:N0} documents)"));
        }

        foreach (var pipeline in SitePipelines.All())
        {
            engine.Add(pipeline);
        }

        IReadOnlyDictionary<string, System.Collections.Immutable.ImmutableArray<Document>> outputs;
        try
        {
            outputs = await engine.RunAsync(cancellationToken);
        }
        catch (AggregateException ex) when (Unwrapped(ex) is { } broken)
        {
            // Pages render in parallel (and in the output phase); a broken template or a failed write is one clear error, not a crash.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(broken);
            throw;
        }

        var knowledgeBase = outputs.GetValueOrDefault(SitePipelines.Content).FirstOrDefault()?.Get<KnowledgeBase>(BuildKnowledgeBase.Key);
        var postMortems = knowledgeBase?.PostMortems.Count ?? 0;
        var storeSaved = Task.CompletedTask;
        if (cache.Store is { } lintStore)
        {
            var sourcePaths = knowledgeBase?.PostMortems.Select(p => p.SourcePath).ToHashSet(StringComparer.Ordinal) ?? [];
            storeSaved = cache.SaveStore(() => lintStore.Save(sourcePaths));
        }

        var pages = outputs.Values.SelectMany(d => d).Count(d => d.Destination?.EndsWith(".html", StringComparison.Ordinal) == true);
        if (options.Public)
        {
            // Everything is written to the staging folder; a leak found there keeps the previous output in place.
            RedactionReport.Finish(edition, ((StagingFolder)output).Root, options.OutputFolder, engine.Diagnostics);
        }

        if (options.Strict || settings.Strict)
        {
            engine.Diagnostics.PromoteWarnings();
        }

        if (!engine.Diagnostics.HasErrors)
        {
            cache.Commit(output);
            if (pageCache is not null)
            {
                pageCache.Save(outputs.Values.SelectMany(d => d));
                cache.LastPages = pageCache.Statistics;
            }
            else
            {
                // The output no longer matches a manifest an earlier incremental build left beside it.
                PageCache.Forget(options.OutputFolder);
            }
        }

        await storeSaved;
        return Result(engine, postMortems, pages, stopwatch, output.FileCount) with
        {
            Coverage = knowledgeBase is null ? null : Coverage.Of(knowledgeBase.PostMortems),
        };
    }

    private static BuildResult Result(Engine engine, int postMortems, int pages, Stopwatch stopwatch, int files = 0) =>
        new(engine.Diagnostics.Sorted(), postMortems, pages, files, stopwatch.Elapsed, engine.Timings.ToDictionary())
        {
            Allocations = engine.Allocations.ToDictionary(),
            CpuTimings = engine.CpuTimings.ToDictionary(),
        };

    /// <summary>The exception a parallel step stopped on that the caller reports in one line: a broken theme first, else a file error.</summary>
    private static Exception? Unwrapped(AggregateException ex)
    {
        var inner = ex.Flatten().InnerExceptions;
        return inner.OfType<ThemeException>().FirstOrDefault<Exception>()
            ?? inner.FirstOrDefault(e => e is IOException or UnauthorizedAccessException);
    }
}
