using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PmSite.Authoring.Lint;
using PmSite.Model;

namespace PmSite.Incremental;

/// <summary>
/// What one build can reuse from the ones before it. <see cref="ReuseOutput"/> turns on the page cache on disk
/// (<c>&lt;output&gt;.cache/</c>, beside the output folder, never inside it): a page whose inputs are unchanged is
/// taken from the previous output instead of being rendered again. Parsed post-mortems and their lint findings are
/// kept in memory, so the rebuilds of one <c>pmsite serve</c> session parse and lint only the files that changed.
/// A build without a cache of its own gets a fresh one, which changes nothing in its output.
/// </summary>
public sealed class BuildCache(bool reuseOutput = true)
{
    private readonly ConditionalWeakTable<PostMortem, IReadOnlyList<LintFinding>> _lint = [];
    private readonly ConditionalWeakTable<PostMortem, IReadOnlyList<Diagnostics.Diagnostic>> _markers = [];
    private ConcurrentDictionary<string, IReadOnlyList<LintFinding>> _findings = new(StringComparer.Ordinal);

    /// <summary>Whether pages of the previous output may be reused (and the page manifest kept beside the output).</summary>
    public bool ReuseOutput { get; } = reuseOutput;

    public ParseCache Parsed { get; } = new();

    /// <summary>Search analyses of post-mortems, kept between the builds of a <see cref="Session"/>.</summary>
    internal Search.DocumentAnalyses SearchAnalyses { get; } = new();

    /// <summary>View-model hashes, kept between the builds of a <see cref="Session"/>.</summary>
    internal ModelFingerprint Models { get; } = new();

    /// <summary>
    /// What a session keeps of the views of its builds, for the views (settings, base URL, build date, edition) of the
    /// current build: null outside a session. Set as a build starts.
    /// </summary>
    internal KeptViews? Views { get; private set; }

    /// <summary>Makes <see cref="Views"/> those kept for views made with the given key (new, empty ones when it changed).</summary>
    internal void UseViews(string? viewsKey) =>
        Views = viewsKey is null ? null : Views is { } known && known.Key == viewsKey ? known : new KeptViews(viewsKey);

    /// <summary>Similarity terms and the last similarity index, kept between the builds of a <see cref="Session"/>.</summary>
    internal Related.SimilarityCache Similarities { get; } = new();

    /// <summary>Each post-mortem's related incidents, kept between the builds of a <see cref="Session"/>.</summary>
    internal ConditionalWeakTable<PostMortem, Related.KeptRelated> Related { get; } = [];

    /// <summary>Whether the previous output folder is deleted in the background after the switch (a preview server's rebuilds).</summary>
    public bool DeleteInBackground { get; init; }

    /// <summary>
    /// Whether the cache serves a session of rebuilds (<c>pmsite serve</c>): a build whose output folder exists updates it
    /// in place (only files whose bytes changed are replaced, each atomically) instead of swapping in a whole new folder,
    /// and what unchanged post-mortems were analysed into (search postings, similarity terms) is kept for the next build.
    /// </summary>
    public bool Session { get; init; }

    // The files of the output folder as the last successful build of this cache left it.
    private (string Folder, IReadOnlySet<string> Files)? _outputFiles;

    /// <summary>The files the last build with this cache left in <paramref name="outputFolder"/>, if it was the last to write there.</summary>
    internal IReadOnlySet<string>? FilesOf(string outputFolder) =>
        _outputFiles is { } known && known.Folder == outputFolder ? known.Files : null;

    private (string Folder, Building.KeptFiles Files)? _keptFiles;

    /// <summary>The bytes of the files this session's builds wrote into <paramref name="outputFolder"/>.</summary>
    internal Building.KeptFiles FilesKept(string outputFolder)
    {
        if (_keptFiles is not { } kept || kept.Folder != outputFolder)
        {
            _keptFiles = kept = (outputFolder, new Building.KeptFiles());
        }

        return kept.Files;
    }

    /// <summary>Commits a build's output and remembers the files it left (forgets them if the commit fails half way).</summary>
    internal void Commit(Building.SiteOutput output)
    {
        _outputFiles = null;
        output.Commit();
        _outputFiles = (output.Output, output.Destinations.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Pages of the last build: how many were rendered and how many reused, for the build summary and benchmarks.</summary>
    public PageCacheStatistics LastPages { get; internal set; } = new(0, 0);

    /// <summary>Lint findings of the last build, by post-mortem file (relative to the input folder); files without findings are absent.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<LintFinding>> LintFindings => _findings;

    /// <summary>Called by the build as it starts: findings are those of the current build only.</summary>
    internal void BeginBuild()
    {
        _storeSaved.Wait();
        _findings = new(StringComparer.Ordinal);
        Models.BeginBuild();
    }

    /// <summary>Lint findings kept beside the output folder for repeated builds, when the build reuses its output.</summary>
    internal LintStore? Store { get; set; }

    private Task _storeSaved = Task.CompletedTask;
    private Task _collected = Task.CompletedTask;
    private int _building;

    /// <summary>How long a session waits after a build before it collects the heap, so a page reloaded then is not paused.</summary>
    private static readonly TimeSpan s_idleBeforeCollecting = TimeSpan.FromSeconds(1);

    /// <summary>What a session still does after a build returned (writing the lint store, collecting the heap once idle).</summary>
    public Task BackgroundWork => Task.WhenAll(_storeSaved, _collected);

    /// <summary>
    /// Runs a build of this cache. After each build of a session, once it is idle, the heap is collected in full: left to
    /// the garbage collector, a full collection fell into every other rebuild at 10,000 post-mortems and paused it for
    /// 0.3–0.8 s, as the heap holds the whole knowledge base; collected between rebuilds, the next starts with room to spare.
    /// </summary>
    internal async Task<T> RunAsync<T>(Func<Task<T>> build)
    {
        if (!Session)
        {
            return await build();
        }

        Interlocked.Increment(ref _building);
        try
        {
            return await build();
        }
        finally
        {
            Interlocked.Decrement(ref _building);
            _collected = CollectWhenIdleAsync(_storeSaved);
        }
    }

    private async Task CollectWhenIdleAsync(Task storeSaved)
    {
        await storeSaved;
        await Task.Delay(s_idleBeforeCollecting);
        if (Volatile.Read(ref _building) == 0)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// Writes the lint store beside the rest of the build's end (committing the output, saving the page manifest), on
    /// another core. A one-off build waits for the returned task before it finishes. A session does not: the store is
    /// for the next <c>pmsite build</c> and a rebuild should not wait for it (the next build of the session waits until
    /// it is written).
    /// </summary>
    internal Task SaveStore(Action save)
    {
        if (!Session)
        {
            return Task.Run(save);
        }

        _storeSaved = Task.Run(() =>
        {
            try
            {
                save();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A store that could not be written is only a slower next build.
            }
        });
        return Task.CompletedTask;
    }

    /// <summary>The lint findings of a post-mortem: computed once per parsed instance, or taken from the store by content hash.</summary>
    internal IReadOnlyList<LintFinding> Lint(PostMortem postMortem, string hash, Func<IReadOnlyList<LintFinding>> lint)
    {
        var findings = _lint.GetValue(postMortem, _ =>
        {
            if (Store?.Find(postMortem.SourcePath, hash) is { } stored)
            {
                return stored;
            }

            var fresh = lint();
            Store?.Add(postMortem.SourcePath, hash, fresh);
            return fresh;
        });
        if (findings.Count > 0)
        {
            _findings[postMortem.SourcePath] = findings;
        }

        return findings;
    }

    /// <summary>
    /// What the internal edition reports of a public post-mortem's internal-block markers: checked once per parsed
    /// instance, as its text is only read again for it.
    /// </summary>
    internal IReadOnlyList<Diagnostics.Diagnostic> MarkerWarnings(PostMortem postMortem, Func<IReadOnlyList<Diagnostics.Diagnostic>> check) =>
        _markers.GetValue(postMortem, _ => check());

    /// <summary>The folder beside an output folder where its page manifest is kept.</summary>
    public static string FolderFor(string outputFolder) => Path.GetFullPath(outputFolder).TrimEnd(Path.DirectorySeparatorChar) + ".cache";
}

/// <summary>
/// Views of post-mortems kept between the builds of a session, valid for one set of views (<see cref="Key"/>): each
/// post-mortem's summary view, and the hash of its incident page without the body, with a hash of what the page takes
/// from other post-mortems (related incidents, recurring theme). Keyed by the parsed post-mortem, which an unchanged file
/// keeps from build to build; the entries of post-mortems gone go with them.
/// </summary>
internal sealed class KeptViews(string key)
{
    public string Key => key;

    public ConditionalWeakTable<PostMortem, Rendering.IncidentSummaryView> Summaries { get; } = [];

    public ConditionalWeakTable<PostMortem, IncidentShell> Shells { get; } = [];

    /// <summary>What the action-item dashboard shows of each post-mortem, as its key takes it.</summary>
    public ConditionalWeakTable<PostMortem, Dashboards.ActionItemsShown> ActionItems { get; } = [];

    /// <summary>Each post-mortem's facts as the metrics page counts them, and the last counts.</summary>
    public Dashboards.KeptMetrics Metrics { get; } = new();

    /// <summary>Each post-mortem's row of the metrics page's recurrence table, while the same later incidents come back.</summary>
    public ConditionalWeakTable<PostMortem, Dashboards.KeptRecurrence> Recurrences { get; } = [];

    /// <summary>The model hashes of the last build's facet pages, by page path.</summary>
    public IReadOnlyDictionary<string, FacetPageHash> FacetPages { get; set; } = new Dictionary<string, FacetPageHash>();
}

/// <summary>
/// The hash of an incident page's model without its body, and what the model took from other post-mortems: the related
/// incidents (summary view, which an unchanged post-mortem keeps, and reasons) and the hash of its recurring theme's view.
/// </summary>
internal sealed record IncidentShell((Rendering.IncidentSummaryView Incident, IReadOnlyList<string> Reasons)[] Related, string? Theme, string Hash)
{
    /// <summary>The page's key once computed, and the page cache salt, links and mentions it was computed with.</summary>
    public ((string Salt, string Links, string Mentions) For, string Key)? Key { get; init; }

    public bool IsFor((Rendering.IncidentSummaryView Incident, IReadOnlyList<string> Reasons)[] related, string? theme)
    {
        if (theme != Theme || related.Length != Related.Length)
        {
            return false;
        }

        for (var i = 0; i < related.Length; i++)
        {
            if (!ReferenceEquals(related[i].Incident, Related[i].Incident)
                || (!ReferenceEquals(related[i].Reasons, Related[i].Reasons) && !related[i].Reasons.SequenceEqual(Related[i].Reasons, StringComparer.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The hash of a facet page's model and what it was made from: the value's name and its post-mortems, in order.</summary>
internal sealed record FacetPageHash(string Name, PostMortem[] PostMortems, string Hash)
{
    public bool IsFor(Content.FacetValue value) =>
        value.Name == Name && value.PostMortems.SequenceEqual(PostMortems, ReferenceEqualityComparer.Instance);
}

/// <summary>How many pages a build rendered and how many it took unchanged from the previous output.</summary>
public sealed record PageCacheStatistics(int Rendered, int Reused);
