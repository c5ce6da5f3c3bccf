using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Pipelines;

namespace PmSite.Modules;

/// <summary>Reads and parses every post-mortem of the input folder, in parallel; one document per valid post-mortem.</summary>
public sealed class ReadPostMortems : IModule
{
    public const string Key = "PostMortem";

    /// <summary>The file's text as read, for the public edition, which redacts it and parses it again.</summary>
    public const string TextKey = "PostMortemText";

    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var input = context.Get<InputFolder>();
        var settings = context.Get<SiteSettings>();
        var files = input.PostMortemFiles(context.Diagnostics);
        var parsed = new PostMortem?[files.Count];
        var texts = new string?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = context.CancellationToken }, i =>
        {
            var text = input.ReadText(files[i], context.Diagnostics);
            if (text is not null)
            {
                texts[i] = text;
                parsed[i] = PostMortemParser.Parse(input.Relative(files[i]), text, settings, context.Diagnostics);
            }
        });

        return Task.FromResult(parsed.Select((p, i) => p is null ? null : Document.Empty.With(Key, p).With(TextKey, texts[i]!))
            .OfType<Document>()
            .ToImmutableArray());
    }
}
