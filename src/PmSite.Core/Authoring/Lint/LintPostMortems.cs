using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Model;
using PmSite.Modules;
using PmSite.Pipelines;

namespace PmSite.Authoring.Lint;

/// <summary>
/// Lints a post-mortem as it is read (run by <see cref="ReadPostMortems"/> on each file it parses): each finding becomes
/// a warning whose code is the rule's name, with its line and column. A post-mortem parsed before in the same serve
/// session keeps its findings without being linted again.
/// </summary>
public sealed class LintPostMortems : IDocumentModule
{
    public Document Execute(Document document, IExecutionContext context)
    {
        // A PDF has no Markdown to point at by line and column, and its author fixes it elsewhere: it is not linted.
        if (document.Get<PostMortem>(ReadPostMortems.Key) is not { } postMortem || document.Get<ParsedFile>(ReadPostMortems.FileKey) is not { } file
            || postMortem.Source == MetadataSource.Pdf)
        {
            return document;
        }

        var input = context.Get<InputFolder>();
        var findings = context.Get<BuildCache>().Lint(postMortem, file.Hash,
            () => Linter.Lint(postMortem, file.Text ?? File.ReadAllText(Path.Combine(input.Root, file.SourcePath)), context.Get<SiteSettings>()));

        // The parser already warns about some things a rule also checks (a detected time without a zone): say it once.
        var reported = file.Diagnostics.Select(d => (d.Line, d.Code)).ToHashSet();
        foreach (var finding in findings.Where(f => !reported.Contains((f.Line, f.Rule))))
        {
            context.Diagnostics.Add(ToDiagnostic(finding));
        }

        return document;
    }

    /// <summary>A finding as a build diagnostic: a warning (or an error) with the rule as its code and the hint in its message.</summary>
    public static Diagnostic ToDiagnostic(LintFinding finding) =>
        new(finding.Severity == LintSeverity.Error ? DiagnosticLevel.Error : DiagnosticLevel.Warning, finding.File, finding.Line, finding.Rule, finding.Describe())
        {
            Column = finding.Column,
        };
}
