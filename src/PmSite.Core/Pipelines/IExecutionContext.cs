using System.Collections.Immutable;
using PmSite.Diagnostics;

namespace PmSite.Pipelines;

/// <summary>What a module may see while it runs.</summary>
public interface IExecutionContext
{
    /// <summary>Name of the pipeline the module belongs to.</summary>
    string PipelineName { get; }

    /// <summary>Where problems are reported; every module adds to the same bag.</summary>
    DiagnosticBag Diagnostics { get; }

    /// <summary>Shared build inputs (settings, options, theme) by type.</summary>
    T Get<T>() where T : class;

    /// <summary>
    /// Documents a pipeline produced in its process phase. Allowed for declared dependencies from the process phase on,
    /// and for every pipeline from the post-process phase on when the reading pipeline has post-process modules.
    /// </summary>
    ImmutableArray<Document> OutputsOf(string pipeline);

    /// <summary>Process-phase outputs of every pipeline; only from the post-process phase on, to a pipeline with post-process modules.</summary>
    IReadOnlyDictionary<string, ImmutableArray<Document>> AllOutputs();

    CancellationToken CancellationToken { get; }
}
