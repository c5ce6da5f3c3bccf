using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Pipelines;

namespace PmSite.Modules;

/// <summary>Reads and parses every post-mortem of the input folder, in parallel; one document per valid post-mortem.</summary>
public sealed class ReadPostMortems : IModule
{
    public const string Key = "PostMortem";

    /// <summary>
    /// The file's text as read, for the public edition, which redacts it and parses it again; only <c>visibility: public</c>
    /// post-mortems carry it, as no other one is ever redacted.
    /// </summary>
    public const string TextKey = "PostMortemText";

    /// <summary>The file as read (<see cref="ParsedFile"/>): its hash, its text when freshly parsed, its parse diagnostics.</summary>
    public const string FileKey = "PostMortemFile";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var input = context.Get<InputFolder>();
        var settings = context.Get<SiteSettings>();
        var cache = context.Get<BuildCache>().Parsed;
        var settingsKey = Fingerprint.Json(settings) ?? "";
        var files = input.PostMortemFiles(context.Diagnostics);
        var parsed = new ParsedFile[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // Unchanged files are not parsed again in a serve session; what parsing reported is reported again.
            parsed[i] = cache.Read(input, files[i], settings, settingsKey);
            foreach (var diagnostic in parsed[i].Diagnostics)
            {
                context.Diagnostics.Add(diagnostic);
            }
        });

        cache.Retain(parsed.Select(p => p.SourcePath).ToHashSet(StringComparer.Ordinal));
        return Task.FromResult(parsed.Where(p => p.PostMortem is not null)
            .Select(p =>
            {
                var document = Document.Empty.With(Key, p.PostMortem!).With(FileKey, p);
                return p.PostMortem!.Visibility == Visibility.Public
                    ? document.With(TextKey, p.Text ?? File.ReadAllText(Path.Combine(input.Root, p.SourcePath)))
                    : document;
            })
            .ToImmutableArray());
    }
}
