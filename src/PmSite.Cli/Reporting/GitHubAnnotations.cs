using PmSite.Authoring.Lint;
using PmSite.Diagnostics;

namespace PmSite.Cli.Reporting;

/// <summary>
/// Findings as GitHub Actions workflow commands (<c>::warning file=…,line=…,col=…,title=…::message</c>), which the runner
/// turns into annotations on the pull request's lines. Escaped as GitHub's toolkit does: <c>%</c>, CR and LF in the
/// message, and besides those <c>:</c> and <c>,</c> in property values.
/// </summary>
internal static class GitHubAnnotations
{
    /// <summary>One workflow command; the line and column are left out when unknown (0).</summary>
    public static string Command(string level, string? file, int line, int column, string? title, string message)
    {
        var properties = new List<string>(4);
        if (file is not null)
        {
            properties.Add("file=" + EscapeProperty(file));
        }

        if (line > 0)
        {
            properties.Add($"line={line}");
            if (column > 0)
            {
                properties.Add($"col={column}");
            }
        }

        if (title is not null)
        {
            properties.Add("title=" + EscapeProperty(title));
        }

        return $"::{level}{(properties.Count > 0 ? " " + string.Join(',', properties) : "")}::{EscapeData(message)}";
    }

    /// <summary>A message: <c>%</c> first, so that the escapes themselves are not escaped again.</summary>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    /// <summary>A property value: as a message, and <c>:</c> and <c>,</c>, which end a property.</summary>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>Lint findings, one command each, the rule as the title and the hint on the message's second line.</summary>
    public static void WriteLint(LintReport report, string inputFolder, string baseFolder, TextWriter writer)
    {
        foreach (var finding in report.Findings)
        {
            var message = finding.Hint is null ? finding.Message : $"{finding.Message}\nhint: {finding.Hint}";
            writer.WriteLine(Command(finding.Severity == LintSeverity.Error ? "error" : "warning",
                ReportPaths.ForReport(inputFolder, finding.File, baseFolder), finding.Line, finding.Column, finding.Rule, message));
        }
    }

    /// <summary>
    /// A build's findings: warnings and errors as commands; notes (files skipped as not post-mortems) as plain lines, since
    /// annotations for them would only crowd a pull request.
    /// </summary>
    public static void WriteDiagnostics(IEnumerable<Diagnostic> diagnostics, string inputFolder, string baseFolder, TextWriter writer)
    {
        var text = new System.Text.StringBuilder();
        foreach (var d in diagnostics.OrderBy(d => d.Level))
        {
            text.Append(d.Level == DiagnosticLevel.Note
                ? d.ToString()
                : Command(d.Level == DiagnosticLevel.Error ? "error" : "warning", ReportPaths.ForReport(inputFolder, d.File, baseFolder), d.Line, d.Column, d.Code, d.Message))
                .Append(writer.NewLine);
        }

        writer.Write(text.ToString());
    }
}
