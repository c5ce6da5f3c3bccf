using System.Collections.Immutable;
using System.Text;
using PmSite.Building;
using PmSite.Incremental;
using PmSite.Pipelines;

namespace PmSite.Modules;

/// <summary>Writes documents with a destination into the build's output (see <see cref="SiteOutput"/>); never outside it.</summary>
public sealed class WriteFiles : IModule
{
    private static readonly UTF8Encoding s_utf8 = new(false);

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var target = context.Get<SiteOutput>();
        Parallel.ForEach(inputs.Where(d => d.Destination is not null), new ParallelOptions { CancellationToken = context.CancellationToken }, document =>
        {
            if (document.CopyFrom is { } source)
            {
                var unchanged = document.Get<RenderedPage>(PageCache.MetadataKey) is { SourceFile: { } previous } && previous == source;
                target.Copy(document.Destination!, source, unchanged);
            }
            else if (document.Write is { } write)
            {
                target.Write(document.Destination!, write);
            }
            else
            {
                target.Write(document.Destination!, s_utf8.GetBytes(document.Content ?? ""));
            }
        });

        return Task.FromResult(inputs);
    }
}
