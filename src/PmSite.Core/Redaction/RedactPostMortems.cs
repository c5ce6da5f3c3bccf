using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Modules;
using PmSite.Parsing;
using PmSite.Pipelines;

namespace PmSite.Redaction;

/// <summary>
/// The public edition's selection and redaction, before the knowledge base is built: only <c>visibility: public</c>
/// post-mortems go on, each with its internal blocks removed and its raw text redacted, then parsed again, so that
/// headings, anchors, excerpts, facets and every index are made from redacted text. Links to withheld post-mortems
/// disappear from <c>related</c> as from the text. In an internal build it only warns about unbalanced markers in
/// public post-mortems, which would fail the public build.
/// </summary>
public sealed class RedactPostMortems : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var edition = context.Get<PublicEdition>();
        var input = context.Get<InputFolder>();
        var items = inputs.Select(d => (Document: d, PostMortem: d.Require<PostMortem>(ReadPostMortems.Key))).ToList();
        if (!edition.IsPublic)
        {
            // A parsed post-mortem is checked once: an unchanged file in a serve session keeps its warnings, unread.
            var cache = context.Get<BuildCache>();
            foreach (var (document, p) in items.Where(i => i.PostMortem.Visibility == Visibility.Public))
            {
                foreach (var warning in cache.MarkerWarnings(p, () => MarkerWarnings(p, ReadPostMortems.TextOf(document, input))))
                {
                    context.Diagnostics.Add(warning);
                }
            }

            return Task.FromResult(inputs);
        }

        edition.Prepare(context.Get<SiteSettings>(), items.Select(i => i.PostMortem).ToList());
        var published = items.Where(i => i.PostMortem.Visibility == Visibility.Public).ToList();
        var results = new Document?[published.Count];
        Parallel.For(0, published.Count, new ParallelOptions { CancellationToken = context.CancellationToken }, i =>
        {
            var (document, postMortem) = published[i];
            if (Redact(postMortem, ReadPostMortems.TextOf(document, input), edition, context) is { } redacted)
            {
                results[i] = document.With(ReadPostMortems.Key, redacted).With(ReadPostMortems.TextKey, "");
            }
        });

        return Task.FromResult(results.OfType<Document>().ToImmutableArray());
    }

    /// <summary>What an internal build says of a public post-mortem's markers, which would fail the public build if unbalanced.</summary>
    private static IReadOnlyList<Diagnostic> MarkerWarnings(PostMortem postMortem, string text)
    {
        var warnings = new DiagnosticBag();
        InternalBlocks.Remove(postMortem.SourcePath, text.Replace("\r\n", "\n"), warnings, asErrors: false);
        return warnings.Sorted();
    }

    private static PostMortem? Redact(PostMortem original, string text, PublicEdition edition, IExecutionContext context)
    {
        var file = original.SourcePath;
        if (InternalBlocks.Remove(file, text.Replace("\r\n", "\n"), context.Diagnostics) is not { } removed)
        {
            return null;
        }

        var redactor = edition.NewRedactor(original.Id, "post-mortem");
        redactor.Report.BlocksRemoved = removed.Removed;
        var catalog = edition.Catalog;
        var redactedText = SourceText.Redact(file, removed.Text, redactor, catalog.WithheldIds);

        // The original was parsed and reported already; only what redaction itself broke is news here.
        var scratch = new DiagnosticBag();
        var redacted = PostMortemParser.Parse(file, redactedText, context.Get<SiteSettings>(), scratch);
        if (redacted is null)
        {
            foreach (var error in scratch.Sorted().Where(d => d.Level == DiagnosticLevel.Error))
            {
                context.Diagnostics.Error(error.File, error.Line, "redaction", $"the redacted text no longer parses: {error.Message}");
            }

            return null;
        }

        redacted = redacted with
        {
            // A title inferred from a file name was never part of the text.
            Title = redactor.Plain(redacted.Title),
            Related = redacted.Related.Where(id => FieldValues.IsValidId(id) && !catalog.WithheldIds.Contains(id)).ToList(),
            MentionedIds = redacted.MentionedIds.Where(id => !catalog.WithheldIds.Contains(id)).ToList(),
        };
        edition.Collect(redactor);
        return redacted;
    }
}
