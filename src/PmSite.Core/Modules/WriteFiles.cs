using System.Collections.Immutable;
using System.Text;
using PmSite.Building;
using PmSite.Incremental;
using PmSite.Pipelines;

namespace PmSite.Modules;

/// <summary>Writes documents with a destination under the build's staging folder; never outside it.</summary>
public sealed class WriteFiles : IModule
{
    private static readonly UTF8Encoding s_utf8 = new(false);

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var target = context.Get<StagingFolder>();
        Parallel.ForEach(inputs.Where(d => d.Destination is not null), new ParallelOptions { CancellationToken = context.CancellationToken }, document =>
        {
            var path = target.PathOf(document.Destination!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (document.CopyFrom is { } source)
            {
                // An unchanged page of the previous output is linked, not written again; anything else is copied.
                var unchanged = document.Get<RenderedPage>(PageCache.MetadataKey) is { SourceFile: { } previous } && previous == source;
                if (!unchanged || !HardLink.TryCreate(source, path))
                {
                    File.Copy(source, path, overwrite: true);
                }
            }
            else if (document.Write is { } write)
            {
                // Unbuffered: the writer buffers, and a second buffer per file would only add allocations.
                using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
                write(file);
            }
            else
            {
                File.WriteAllText(path, document.Content ?? "", s_utf8);
            }

            target.Count();
        });

        return Task.FromResult(inputs);
    }
}
