using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Pipelines;

namespace PmSite.Modules;

/// <summary>
/// Reads and parses every post-mortem of the input folder, one worker per core; one document per valid post-mortem.
/// Each document goes through <paramref name="then"/> (lint) as soon as it is parsed; then its syntax tree and text are
/// let go. A body's tree is several times the size of its text: held for every file until a later module ran, they
/// kept about 460 MB alive through reading at 10,000 post-mortems.
/// </summary>
public sealed class ReadPostMortems(params IDocumentModule[] then) : IModule
{
    public const string Key = "PostMortem";

    /// <summary>
    /// The file's text as read, for the public edition, which redacts it and parses it again; only <c>visibility: public</c>
    /// post-mortems freshly parsed carry it, as no other one is ever redacted (see <see cref="TextOf"/>).
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
        var documents = new Document?[files.Count];
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // Unchanged files are not parsed again in a serve session; what parsing reported is reported again.
            var file = parsed[i] = cache.Read(input, files[i], settings, settingsKey);
            foreach (var diagnostic in file.Diagnostics)
            {
                context.Diagnostics.Add(diagnostic);
            }

            if (file.PostMortem is not { } postMortem)
            {
                return;
            }

            var document = Document.Empty.With(Key, postMortem).With(FileKey, file);
            foreach (var module in then)
            {
                document = module.Execute(document, context);
            }

            // What follows reads the model, not the tree; pages parse the body again when they are written.
            postMortem.ReleaseSyntax();
            document = document.With(FileKey, file.Text is null ? file : file with { Text = null });
            documents[i] = postMortem.Visibility == Visibility.Public && file.Text is { } text ? document.With(TextKey, text) : document;
        });

        cache.Retain(parsed.Select(p => p.SourcePath).ToHashSet(StringComparer.Ordinal));
        return Task.FromResult(documents.OfType<Document>().ToImmutableArray());
    }

    /// <summary>
    /// The text of a post-mortem's file: as read when it was parsed in this build, else read again. An unchanged file in a
    /// serve session was not read, and most builds never need the text again.
    /// </summary>
    public static string TextOf(Document document, InputFolder input) =>
        document.Get<string>(TextKey) ?? File.ReadAllText(Path.Combine(input.Root, document.Require<PostMortem>(Key).SourcePath));
}
