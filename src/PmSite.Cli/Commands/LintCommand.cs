using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using PmSite.Authoring.Lint;
using PmSite.Cli.Reporting;

namespace PmSite.Cli.Commands;

/// <summary><c>pmsite lint</c>: checks post-mortems for missing parts and blame-focused language.</summary>
internal static class LintCommand
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = CommonOptions.Input();
        var format = new Option<string>("--format")
        {
            Description = "Output format: text (file:line:column: warning rule: message, with a hint), json, github (workflow " +
                "commands that annotate a pull request) or sarif (SARIF 2.1.0, for code scanning). github and sarif name files " +
                "relative to the current folder, the repository root in CI.",
            DefaultValueFactory = _ => "text",
            HelpName = "text|json|github|sarif",
        };
        format.AcceptOnlyFromAmong("text", "json", "github", "sarif");
        var strict = new Option<bool>("--strict") { Description = "Exit with code 1 when anything is found (for CI)." };
        var rules = string.Join("\n", Linter.Rules.Select(r => $"  {r.Name,-24} {r.Description}"));
        var command = new Command("lint",
            "Check post-mortems for missing fields and sections, weak action items, and blame-focused language.\n"
            + "Silence a rule on a line with <!-- pmsite-lint-disable rule-name --> on that line or the one before.\n\nRules:\n" + rules)
        {
            input, format, strict,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(input)!, parse.GetValue(format)!, parse.GetValue(strict), stdout, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string inputFolder, string format, bool strict, TextWriter stdout, CancellationToken cancellationToken = default)
    {
        var report = await LintRunner.RunAsync(inputFolder, cancellationToken);
        switch (format)
        {
            case "json":
                stdout.WriteLine(JsonSerializer.Serialize(report.Findings.Select(f => f.ToJson()), s_json));
                break;
            case "github":
                GitHubAnnotations.WriteLint(report, inputFolder, Environment.CurrentDirectory, stdout);
                break;
            case "sarif":
                SarifLog.Write(report, inputFolder, Environment.CurrentDirectory, stdout);
                break;
            default:
                WriteText(report, stdout);
                break;
        }

        if (report.HasErrors || (strict && report.Findings.Count > 0))
        {
            return Program.ContentErrors;
        }

        return Program.Ok;
    }

    /// <summary>Findings as <c>file:line:column: warning rule: message</c>, each hint indented below it.</summary>
    public static void WriteText(LintReport report, TextWriter writer)
    {
        foreach (var finding in report.Findings)
        {
            writer.WriteLine(Format(finding));
            if (finding.Hint is not null)
            {
                writer.WriteLine($"    hint: {finding.Hint}");
            }
        }

        var files = report.Findings.Select(f => f.File).Distinct().Count();
        writer.WriteLine(report.Findings.Count == 0
            ? $"No findings in {report.PostMortems} post-mortems."
            : $"{report.Findings.Count} finding{(report.Findings.Count == 1 ? "" : "s")} in {files} file{(files == 1 ? "" : "s")} ({report.PostMortems} post-mortems read).");
    }

    public static string Format(LintFinding finding)
    {
        var where = finding.Line > 0 ? finding.Column > 0 ? $"{finding.File}:{finding.Line}:{finding.Column}" : $"{finding.File}:{finding.Line}" : finding.File;
        return $"{where}: {(finding.Severity == LintSeverity.Error ? "error" : "warning")} {finding.Rule}: {finding.Message}";
    }
}
