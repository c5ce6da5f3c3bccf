using System.Collections.Immutable;

namespace PmSite.Pipelines;

/// <summary>One step of a pipeline: documents in, documents out. Named as a verb: <c>ReadPostMortems</c>, <c>WriteFiles</c>.</summary>
public interface IModule
{
    Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context);
}

/// <summary>
/// A step that looks at one document at a time and never at the others, so that a module making documents one by one
/// can run it on each as soon as it is made (see <c>ReadPostMortems</c>) and let go of what only this step needed
/// before the next document is made.
/// </summary>
public interface IDocumentModule
{
    Document Execute(Document document, IExecutionContext context);
}

/// <summary>A module made from a delegate, for steps too small to deserve a type of their own.</summary>
public sealed class ExecuteModule(Func<ImmutableArray<Document>, IExecutionContext, ImmutableArray<Document>> execute) : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context) =>
        Task.FromResult(execute(inputs, context));
}
