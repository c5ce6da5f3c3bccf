using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PmSite.Authoring.Lint;

namespace PmSite.Cli.Reporting;

/// <summary>
/// Lint findings as a SARIF 2.1.0 log, the format code-scanning tools read (GitHub code scanning, editors' SARIF viewers):
/// one run of the PmSite driver with a rule per lint rule, and a result per finding, located relative to
/// <c>%SRCROOT%</c> (the folder pmsite runs in) and fingerprinted by its line's text rather than its line number.
/// </summary>
internal static class SarifLog
{
    /// <summary>The published OASIS schema of SARIF 2.1.0 (with its errata).</summary>
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    public const string InformationUri = "https://github.com/pmsite/pmsite";

    public const string SourceRoot = "%SRCROOT%";

    /// <summary>The key of a result's fingerprint, in the form GitHub code scanning reads (<c>hash:occurrence</c>).</summary>
    public const string FingerprintKey = "primaryLocationLineHash";

    private const string ReadingRuleDescription = "Found while reading the knowledge base, as pmsite build reports it.";

    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>pmsite's version as installed (from git tags, see Directory.Build.props).</summary>
    public static string ToolVersion { get; } =
        typeof(SarifLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static void Write(LintReport report, string inputFolder, string baseFolder, TextWriter writer) =>
        writer.WriteLine(Create(report, inputFolder, baseFolder).ToJsonString(s_json));

    /// <summary>The log as a JSON tree.</summary>
    public static JsonObject Create(LintReport report, string inputFolder, string baseFolder)
    {
        // Every lint rule is listed, found or not; codes from reading (invalid-date, dangling-related …) only when found.
        var rules = new JsonArray();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rule in Linter.Rules)
        {
            index[rule.Name] = rules.Count;
            rules.Add(Rule(rule.Name, rule.Description, rule.Hint, "warning"));
        }

        foreach (var code in report.Findings.Where(f => !index.ContainsKey(f.Rule)).GroupBy(f => f.Rule).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            index[code.Key] = rules.Count;
            rules.Add(Rule(code.Key, ReadingRuleDescription, null, code.Any(f => f.Severity == LintSeverity.Error) ? "error" : "warning"));
        }

        var lines = new LineReader(inputFolder);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var results = new JsonArray();
        foreach (var finding in report.Findings)
        {
            var relative = ReportPaths.Relative(inputFolder, finding.File, baseFolder);
            var uri = relative is null ? new Uri(ReportPaths.Absolute(inputFolder, finding.File)).AbsoluteUri : EscapePath(relative);
            var artifact = new JsonObject { ["uri"] = uri };
            if (relative is not null)
            {
                artifact["uriBaseId"] = SourceRoot;
            }

            var physical = new JsonObject { ["artifactLocation"] = artifact };
            if (finding.Line > 0)
            {
                var region = new JsonObject { ["startLine"] = finding.Line };
                if (finding.Column > 0)
                {
                    region["startColumn"] = finding.Column;
                }

                physical["region"] = region;
            }

            var hash = LineHash(finding.Rule, relative ?? uri, lines.Text(finding.File, finding.Line));
            occurrences[hash] = occurrences.GetValueOrDefault(hash) + 1;
            results.Add(new JsonObject
            {
                ["ruleId"] = finding.Rule,
                ["ruleIndex"] = index[finding.Rule],
                ["level"] = finding.Severity == LintSeverity.Error ? "error" : "warning",
                ["message"] = new JsonObject { ["text"] = finding.Describe() },
                ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = physical }),
                ["partialFingerprints"] = new JsonObject { [FingerprintKey] = $"{hash}:{occurrences[hash]}" },
            });
        }

        var baseUri = new Uri(Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseFolder)) + Path.DirectorySeparatorChar).AbsoluteUri;
        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "PmSite",
                        ["version"] = ToolVersion,
                        ["semanticVersion"] = ToolVersion,
                        ["informationUri"] = InformationUri,
                        ["rules"] = rules,
                    },
                },
                ["originalUriBaseIds"] = new JsonObject { [SourceRoot] = new JsonObject { ["uri"] = baseUri } },
                // Lint columns count UTF-16 code units (positions in .NET strings).
                ["columnKind"] = "utf16CodeUnits",
                ["results"] = results,
            }),
        };
    }

    /// <summary>
    /// A finding's fingerprint: its rule, file and the trimmed text of its line, not the line number, so that it stays the
    /// same when lines above it are added or removed. Findings with the same hash are told apart by their occurrence.
    /// </summary>
    public static string LineHash(string rule, string file, string lineText)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{rule}\n{file}\n{lineText.Trim()}"));
        return Convert.ToHexStringLower(bytes, 0, 8);
    }

    private static JsonObject Rule(string id, string description, string? hint, string level)
    {
        var rule = new JsonObject
        {
            ["id"] = id,
            ["shortDescription"] = new JsonObject { ["text"] = description },
        };
        if (hint is not null)
        {
            rule["help"] = new JsonObject { ["text"] = hint };
        }

        rule["defaultConfiguration"] = new JsonObject { ["level"] = level };
        return rule;
    }

    // A relative URI reference: each segment percent-encoded (spaces, ':' and ',' in post-mortem file names).
    private static string EscapePath(string relative) => string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));

    /// <summary>Reads each file once, for the text of the lines findings are on.</summary>
    private sealed class LineReader(string inputFolder)
    {
        private readonly Dictionary<string, string[]?> _files = new(StringComparer.Ordinal);

        public string Text(string file, int line)
        {
            if (line <= 0)
            {
                return "";
            }

            if (!_files.TryGetValue(file, out var lines))
            {
                try
                {
                    lines = File.ReadAllLines(ReportPaths.Absolute(inputFolder, file));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    lines = null;
                }

                _files[file] = lines;
            }

            return lines is not null && line <= lines.Length ? lines[line - 1] : "";
        }
    }
}
