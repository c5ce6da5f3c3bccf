using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Modules;
using PmSite.Parsing;
using PmSite.Pipelines;

namespace PmSite.Authoring.Lint;

/// <summary>What <c>pmsite lint</c> found: every finding, in file order, and how many post-mortems it read.</summary>
public sealed record LintReport(IReadOnlyList<LintFinding> Findings, int PostMortems)
{
    public bool HasErrors => Findings.Any(f => f.Severity == LintSeverity.Error);
}

/// <summary>
/// Lints a knowledge base the way a build does (the same reading, parsing and rules, through the content pipeline),
/// without rendering anything. Besides the rules' findings it reports what reading found: files that do not parse
/// (errors), duplicate ids, dangling <c>related</c> ids and the parser's warnings. Only post-mortems are linted.
/// </summary>
public static class LintRunner
{
    public static async Task<LintReport> RunAsync(string inputFolder, CancellationToken cancellationToken = default)
    {
        var input = new InputFolder(inputFolder);
        if (!Directory.Exists(input.Root))
        {
            return new LintReport([new LintFinding(inputFolder, 0, 0, "input", "the input folder does not exist", null) { Severity = LintSeverity.Error }], 0);
        }

        var engine = new Engine();
        var settings = SettingsReader.Read(input.Root, engine.Diagnostics);
        var cache = new BuildCache(reuseOutput: false);
        cache.BeginBuild();
        engine.Provide(input).Provide(settings).Provide(cache);
        var content = new Pipeline(SitePipelines.Content);
        content.Input.Add(new ReadPostMortems(then: new LintPostMortems()));
        content.Process.Add(new BuildKnowledgeBase());
        engine.Add(content);
        var outputs = await engine.RunAsync(cancellationToken);
        var postMortems = outputs[SitePipelines.Content].FirstOrDefault()?.Get<KnowledgeBase>(BuildKnowledgeBase.Key)?.PostMortems.Count ?? 0;

        // Rule findings come with their hints from the cache; everything else the build would report comes from the bag.
        var findings = cache.LintFindings.Values.SelectMany(f => f).ToList();
        findings.AddRange(engine.Diagnostics.Sorted()
            .Where(d => d.Level != DiagnosticLevel.Note && !Linter.RuleNames.Contains(d.Code))
            .Select(FromDiagnostic));
        return new LintReport(
            findings.OrderBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Column).ThenBy(f => f.Rule, StringComparer.Ordinal).ToList(),
            postMortems);
    }

    private static LintFinding FromDiagnostic(Diagnostic diagnostic) =>
        new(diagnostic.File, diagnostic.Line, diagnostic.Column, diagnostic.Code, diagnostic.Message, null)
        {
            Severity = diagnostic.Level == DiagnosticLevel.Error ? LintSeverity.Error : LintSeverity.Warning,
        };
}
