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
                using var file = Create(path);
                write(file);
            }
            else
            {
                using var file = Create(path);
                file.Write(s_utf8.GetBytes(document.Content ?? ""));
            }

            target.Count();
        });

        return Task.FromResult(inputs);
    }

    /// <summary>
    /// A new file, unbuffered (the writers buffer). The staging folder starts empty, so files are created rather than
    /// truncated: truncating a file, even an empty one, makes ext4 start writing it back to disk as it is closed.
    /// </summary>
    private static FileStream Create(string path)
    {
        try
        {
            return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
        catch (IOException) when (File.Exists(path))
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        }
    }
}
