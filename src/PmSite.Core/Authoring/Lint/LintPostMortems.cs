using System.Collections.Immutable;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Modules;
using PmSite.Pipelines;

namespace PmSite.Authoring.Lint;

/// <summary>
/// Lints every post-mortem as it is read (after <see cref="ReadPostMortems"/>): each finding becomes a warning whose
/// code is the rule's name, with its line and column. A post-mortem parsed before in the same serve session keeps
/// its findings without being linted again.
/// </summary>
public sealed class LintPostMortems : IModule
{
    public Task<ImmutableArray<Document>> ExecuteAsync(ImmutableArray<Document> inputs, IExecutionContext context)
    {
        var cache = context.Get<BuildCache>();
        var settings = context.Get<SiteSettings>();
        var input = context.Get<InputFolder>();
        var outputs = new Document[inputs.Length];
        Parallel.For(0, inputs.Length, new ParallelOptions { CancellationToken = context.CancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var document = inputs[i];
            if (document.Get<PostMortem>(ReadPostMortems.Key) is not { } postMortem || document.Get<ParsedFile>(ReadPostMortems.FileKey) is not { } file)
            {
                outputs[i] = document;
                return;
            }

            var findings = cache.Lint(postMortem, file.Hash, () => Linter.Lint(postMortem, file.Text ?? File.ReadAllText(Path.Combine(input.Root, file.SourcePath)), settings));

            // Lint is the last reader of the syntax tree; pages parse the body again when they are written.
            postMortem.ReleaseSyntax();

            // The parser already warns about some things a rule also checks (a detected time without a zone): say it once.
            var reported = file.Diagnostics.Select(d => (d.Line, d.Code)).ToHashSet();
            foreach (var finding in findings.Where(f => !reported.Contains((f.Line, f.Rule))))
            {
                context.Diagnostics.Add(ToDiagnostic(finding));
            }

            outputs[i] = file.Text is null ? document : document.With(ReadPostMortems.FileKey, file with { Text = null });
        });

        return Task.FromResult(outputs.ToImmutableArray());
    }

    /// <summary>A finding as a build diagnostic: a warning (or an error) with the rule as its code and the hint in its message.</summary>
    public static Diagnostic ToDiagnostic(LintFinding finding) =>
        new(finding.Severity == LintSeverity.Error ? DiagnosticLevel.Error : DiagnosticLevel.Warning, finding.File, finding.Line, finding.Rule, finding.Describe())
        {
            Column = finding.Column,
        };
}
