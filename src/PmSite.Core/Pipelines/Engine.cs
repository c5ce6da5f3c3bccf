using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using PmSite.Diagnostics;

namespace PmSite.Pipelines;

/// <summary>
/// Runs pipelines in Statiq's model: every input phase at once; a process phase once its dependencies'
/// process phases are done; post-process after all process phases; output after its own post-process.
/// Independent pipelines run in parallel. A pipeline with no post-process module does not wait for the others: its
/// output phase follows its own process phase, and reads only what its dependencies made. Its pages are written while
/// a long process phase elsewhere (the search index's) still runs, instead of leaving a core idle until it ends.
/// </summary>
public sealed class Engine
{
    private readonly Dictionary<string, Pipeline> _pipelines = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, object> _services = [];

    public DiagnosticBag Diagnostics { get; } = new();

    /// <summary>Wall time spent in each phase of each pipeline, for the build summary and benchmarks.</summary>
    public ConcurrentDictionary<(string Pipeline, Phase Phase), TimeSpan> Timings { get; } = new();

    /// <summary>Bytes allocated by each phase; recorded only with <see cref="OnePhaseAtATime"/>, when no other phase runs beside it.</summary>
    public ConcurrentDictionary<(string Pipeline, Phase Phase), long> Allocations { get; } = new();

    /// <summary>
    /// CPU time of the whole process during each phase, when <see cref="OnePhaseAtATime"/> runs phases one by one (then
    /// it is the phase's own, on every core); empty otherwise.
    /// </summary>
    public ConcurrentDictionary<(string Pipeline, Phase Phase), TimeSpan> CpuTimings { get; } = new();

    /// <summary>
    /// Runs one phase at a time (each still parallel inside), so that <see cref="Timings"/> attributes time to phases
    /// exactly instead of sharing the cores among overlapping phases; for profiling only.
    /// </summary>
    public bool OnePhaseAtATime { get; init; }

    /// <summary>Called (from any thread) each time a pipeline finishes a phase, for progress displays.</summary>
    public Action<string, Phase, int>? PhaseCompleted { get; set; }

    public Engine Add(Pipeline pipeline)
    {
        if (!_pipelines.TryAdd(pipeline.Name, pipeline))
        {
            throw new ArgumentException($"a pipeline named '{pipeline.Name}' is already added", nameof(pipeline));
        }

        return this;
    }

    /// <summary>Makes a shared object (settings, options, theme) available to modules through <see cref="IExecutionContext.Get{T}"/>.</summary>
    public Engine Provide<T>(T service) where T : class
    {
        _services[typeof(T)] = service;
        return this;
    }

    public IReadOnlyCollection<Pipeline> Pipelines => _pipelines.Values;

    /// <summary>Runs every pipeline; returns each pipeline's final documents (after its output phase).</summary>
    public async Task<IReadOnlyDictionary<string, ImmutableArray<Document>>> RunAsync(CancellationToken cancellationToken = default)
    {
        CheckDependencies();
        var run = new Run(this, cancellationToken);
        var outputs = await Task.WhenAll(_pipelines.Values.Select(async p => (p.Name, Docs: await run.OutputPhase(p.Name))));
        return outputs.ToDictionary(o => o.Name, o => o.Docs, StringComparer.Ordinal);
    }

    private void CheckDependencies()
    {
        foreach (var pipeline in _pipelines.Values)
        {
            foreach (var dependency in pipeline.Dependencies.Where(d => !_pipelines.ContainsKey(d)))
            {
                throw new InvalidOperationException($"pipeline '{pipeline.Name}' depends on unknown pipeline '{dependency}'");
            }
        }

        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        void Visit(string name, string path)
        {
            if (state.TryGetValue(name, out var done))
            {
                if (!done)
                {
                    throw new InvalidOperationException($"pipelines depend on each other in a cycle: {path}");
                }

                return;
            }

            state[name] = false;
            foreach (var dependency in _pipelines[name].Dependencies)
            {
                Visit(dependency, $"{path} → {dependency}");
            }

            state[name] = true;
        }

        foreach (var name in _pipelines.Keys)
        {
            Visit(name, name);
        }
    }

    /// <summary>One run's memoised phase tasks: each phase of each pipeline starts once, when it may.</summary>
    private sealed class Run(Engine engine, CancellationToken cancellationToken)
    {
        private readonly ConcurrentDictionary<(string, Phase), Lazy<Task<ImmutableArray<Document>>>> _phases = new();
        private readonly SemaphoreSlim? _onePhase = engine.OnePhaseAtATime ? new SemaphoreSlim(1) : null;
        private Task? _allProcessed;

        public Task<ImmutableArray<Document>> OutputPhase(string pipeline) => PhaseTask(pipeline, Phase.Output);

        private Task<ImmutableArray<Document>> PhaseTask(string pipeline, Phase phase) =>
            _phases.GetOrAdd((pipeline, phase), key => new Lazy<Task<ImmutableArray<Document>>>(() => Task.Run(() => Execute(key.Item1, key.Item2)))).Value;

        private Task AllProcessed() =>
            LazyInitializer.EnsureInitialized(ref _allProcessed, () => Task.WhenAll(engine._pipelines.Keys.Select(p => PhaseTask(p, Phase.Process))))!;

        private async Task<ImmutableArray<Document>> Execute(string name, Phase phase)
        {
            var pipeline = engine._pipelines[name];
            ImmutableArray<Document> inputs;
            switch (phase)
            {
                case Phase.Input:
                    inputs = [];
                    break;
                case Phase.Process:
                    await Task.WhenAll(pipeline.Dependencies.Select(d => PhaseTask(d, Phase.Process)));
                    inputs = await PhaseTask(name, Phase.Input);
                    break;
                case Phase.PostProcess:
                    if (SeesAllOutputs(pipeline, phase))
                    {
                        await AllProcessed();
                    }

                    inputs = await PhaseTask(name, Phase.Process);
                    break;
                default:
                    inputs = await PhaseTask(name, Phase.PostProcess);
                    break;
            }

            var context = new Context(engine, this, pipeline, phase, cancellationToken);
            if (_onePhase is not null)
            {
                await _onePhase.WaitAsync(cancellationToken);
            }

            var stopwatch = Stopwatch.StartNew();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var cpu = _onePhase is null ? TimeSpan.Zero : Process.GetCurrentProcess().TotalProcessorTime;
            var documents = inputs;
            try
            {
                foreach (var module in pipeline.ModulesOf(phase))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    documents = await module.ExecuteAsync(documents, context);
                }
            }
            finally
            {
                if (_onePhase is not null)
                {
                    engine.CpuTimings[(name, phase)] = Process.GetCurrentProcess().TotalProcessorTime - cpu;
                    engine.Allocations[(name, phase)] = GC.GetTotalAllocatedBytes() - allocatedBefore;
                    _onePhase.Release();
                }
            }

            engine.Timings[(name, phase)] = stopwatch.Elapsed;
            engine.PhaseCompleted?.Invoke(name, phase, documents.Length);
            return documents;
        }

        // Post-process modules may read every pipeline's documents, and so may what follows them; a pipeline without any
        // has nothing that needs the others done.
        private static bool SeesAllOutputs(Pipeline pipeline, Phase phase) => phase >= Phase.PostProcess && pipeline.PostProcess.Count > 0;

        private sealed class Context(Engine engine, Run run, Pipeline pipeline, Phase phase, CancellationToken cancellationToken) : IExecutionContext
        {
            public string PipelineName => pipeline.Name;

            public DiagnosticBag Diagnostics => engine.Diagnostics;

            public CancellationToken CancellationToken => cancellationToken;

            public T Get<T>() where T : class =>
                engine._services.TryGetValue(typeof(T), out var service)
                    ? (T)service
                    : throw new InvalidOperationException($"no {typeof(T).Name} was provided to the engine");

            public ImmutableArray<Document> OutputsOf(string other)
            {
                var allowed = SeesAllOutputs(pipeline, phase) || (phase >= Phase.Process && pipeline.Dependencies.Contains(other));
                if (!allowed)
                {
                    throw new InvalidOperationException(phase >= Phase.PostProcess
                        ? $"pipeline '{pipeline.Name}' reads '{other}' in its {phase} phase without a post-process module or the dependency"
                        : $"pipeline '{pipeline.Name}' reads '{other}' in its {phase} phase without declaring the dependency");
                }

                // The awaited task is complete: dependencies (or all pipelines) finished their process phase first.
                return run.PhaseTask(other, Phase.Process).GetAwaiter().GetResult();
            }

            public IReadOnlyDictionary<string, ImmutableArray<Document>> AllOutputs()
            {
                if (!SeesAllOutputs(pipeline, phase))
                {
                    throw new InvalidOperationException("all outputs are only available from the post-process phase on, to a pipeline with post-process modules");
                }

                return engine._pipelines.Keys.ToDictionary(k => k, k => run.PhaseTask(k, Phase.Process).GetAwaiter().GetResult(), StringComparer.Ordinal);
            }
        }
    }
}
