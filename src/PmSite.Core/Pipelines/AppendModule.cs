using System.Collections.Immutable;

namespace PmSite.Pipelines;

/// <summary>Runs a module and keeps the documents that came before it as well.</summary>
public sealed class AppendModule(IModule module) : IModule
{
    public async Task<ImmutableArray<Document>> ExecuteAsync(
        ImmutableArray<Document> inputs, IExecutionContext context) =>
        inputs.AddRange(await module.ExecuteAsync(inputs, context));
}
