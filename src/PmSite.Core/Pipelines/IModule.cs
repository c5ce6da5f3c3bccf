using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace PmSite.Pipelines;

/// <summary>One step of a pipeline: documents in, documents out. Named as a verb: <c>ReadPostMortems</c>, <c>WriteFiles</c>.</summary>
public interface IModule
{
    Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context);
}

/// <summary>
/// A module that looks at one document at a time and never at the others. On its own it runs over its inputs one worker
/// per core; a module that makes documents one by one may also run it on each as soon as it is made (see
/// <c>ReadPostMortems</c>), so that what a document holds only for this step is let go before the next one is made.
/// </summary>
public interface IDocumentModule : IModule
{
    Document Execute(Document document, IExecutionContext context);

    Task<ImmutableArray<Document>> IModule.ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var outputs = new Document[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => outputs[i] = Execute(inputs[i], context));
        return Task.FromResult(ImmutableCollectionsMarshal.AsImmutableArray(outputs));
    }
}

/// <summary>A module made from a delegate, for steps too small to deserve a type of their own.</summary>
public sealed class ExecuteModule(Func<ImmutableArray<Document>, IExecutionContext, ImmutableArray<Document>> execute) : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context) =>
        Task.FromResult(execute(inputs, context));
}
