using System.Collections.Immutable;

namespace PmSite.Pipelines;

/// <summary>One step of a pipeline: documents in, documents out. Named as a verb: <c>ReadPostMortems</c>, <c>WriteFiles</c>.</summary>
public interface IModule
{
    Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context);
}

/// <summary>A module made from a delegate, for steps too small to deserve a type of their own.</summary>
public sealed class ExecuteModule(Func<ImmutableArray<Document>, IExecutionContext, ImmutableArray<Document>> execute) : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context) =>
        Task.FromResult(execute(inputs, context));
}
