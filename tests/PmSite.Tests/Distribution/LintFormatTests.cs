using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using PmSite.Authoring.Lint;
using PmSite.Cli.Reporting;
using PmSite.Tests.Authoring.Lint;
using PmSite.Tests.TestKit;

// Not PmSite.Tests.Distribution: that name would hide PmSite.Dashboards.Distribution from the dashboard tests.
namespace PmSite.Tests.ToolDistribution;

/// <summary>
/// What CI tools read from <c>pmsite lint</c> and <c>pmsite build</c>: GitHub workflow commands escaped as GitHub
/// documents, and SARIF 2.1.0 that the official OASIS schema accepts, with fingerprints that survive edits above a finding.
/// </summary>
public sealed class LintFormatTests
{
    // Built once: the schema registers itself under its $id.
    private static readonly Lazy<JsonSchema> s_schema = new(LoadSchema);

    [Theory]
    [InlineData("warning", "a.md", 3, 5, "rule", "plain", "::warning file=a.md,line=3,col=5,title=rule::plain")]
    [InlineData("error", "a.md", 3, 0, "rule", "no column", "::error file=a.md,line=3,title=rule::no column")]
    [InlineData("warning", "a.md", 0, 7, "rule", "no line", "::warning file=a.md,title=rule::no line")]
    [InlineData("warning", "INC-1, db: down.md", 1, 1, "a,b:c", "m", "::warning file=INC-1%2C db%3A down.md,line=1,col=1,title=a%2Cb%3Ac::m")]
    [InlineData("warning", "100%.md", 1, 1, "r", "50% done: a, b", "::warning file=100%25.md,line=1,col=1,title=r::50%25 done: a, b")]
    [InlineData("warning", "a.md", 1, 1, "r", "one\ntwo\r\nthree\rfour", "::warning file=a.md,line=1,col=1,title=r::one%0Atwo%0D%0Athree%0Dfour")]
    [InlineData("warning", "line\nbreak.md", 1, 1, "r", "already %0A escaped", "::warning file=line%0Abreak.md,line=1,col=1,title=r::already %250A escaped")]
    public void Workflow_commands_escape_messages_and_properties_as_GitHub_documents(
        string level, string file, int line, int column, string title, string message, string expected) =>
        Assert.Equal(expected, GitHubAnnotations.Command(level, file, line, column, title, message));

    [Fact]
    public async Task Lint_findings_become_annotations_on_the_file_relative_to_the_repository()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/INC-1, db: down.md", LintKit.With("Sarah forgot to check the config."));
        var report = await LintRunner.RunAsync(temp.Combine("kb"));
        var finding = Assert.Single(report.Findings);
        var stdout = new StringWriter();

        GitHubAnnotations.WriteLint(report, temp.Combine("kb"), temp.Path, stdout);

        var expected = $"::warning file=kb/post-mortems/INC-1%2C db%3A down.md,line={LintKit.MarkerLine},col=1,title=blame-person::"
            + finding.Message.Replace("%", "%25", StringComparison.Ordinal) + "%0Ahint: " + finding.Hint;
        Assert.Equal(expected, stdout.ToString().TrimEnd('\n', '\r'));
        Assert.DoesNotContain('\n', finding.Hint!);
    }

    [Fact]
    public void The_lint_command_prints_one_workflow_command_per_finding()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With("Sarah forgot to check the config. It was a careless mistake."));
        var stdout = new StringWriter();

        var exit = Cli.Program.Run(["lint", "--input", temp.Path, "--format", "github"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("::warning file=", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"INC-1.md,line={LintKit.MarkerLine},col=1,title=blame-person::", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",title=judgmental-language::", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_prints_its_warnings_as_workflow_commands_with_format_github()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", LintKit.With("Sarah forgot to check the config."));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = Cli.Program.Run(["build", "--input", temp.Combine("input"), "--output", temp.Combine("site"), "--theme", Repo.Theme, "--format", "github"],
            stdout, stderr);

        Assert.Equal(0, exit);
        Assert.Contains($"INC-1.md,line={LintKit.MarkerLine},col=1,title=blame-person::", stdout.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("warning blame-person:", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sarif_for_the_lint_fixtures_is_valid_against_the_SARIF_2_1_0_schema()
    {
        using var temp = new TempFolder();
        // A finding from most rules, one file that does not parse, a dangling reference, and names that need escaping.
        temp.Write("post-mortems/INC-1.md", LintKit.With("Sarah forgot to check the config. It was a careless mistake caused by human error; she should have known better."));
        temp.Write("post-mortems/INC-2 a, b: c.md", LintKit.PostMortem(status: "Draft", extra: "related: [INC-404]").Replace("## Action Items", "## Actions"));
        temp.Write("post-mortems/INC-3.md", "---\nid: INC-3\ntitle: Broken\ndate: 2025-02-30\nseverity: SEV2\n---\n\nText.\n");
        temp.Write("post-mortems/2025-09-29-flags-are-down.md", "# Flags are down\n\n## Summary\n\n[2-3 sentence summary of what happened]\n");

        var report = await LintRunner.RunAsync(temp.Path);
        var sarif = SarifLog.Create(report, temp.Path, temp.Path);

        AssertValid(sarif);
        Assert.Contains(report.Findings, f => f.Severity == LintSeverity.Error);
        var run = sarif["runs"]![0]!;
        var driver = run["tool"]!["driver"]!;
        Assert.Equal(("PmSite", SarifLog.ToolVersion, SarifLog.InformationUri),
            (driver["name"]!.GetValue<string>(), driver["version"]!.GetValue<string>(), driver["informationUri"]!.GetValue<string>()));
        var rules = driver["rules"]!.AsArray();
        Assert.Equal(Linter.Rules.Select(r => r.Name), rules.Take(Linter.Rules.Count).Select(r => r!["id"]!.GetValue<string>()));
        Assert.All(rules.Take(Linter.Rules.Count), r => Assert.False(string.IsNullOrWhiteSpace(r!["help"]!["text"]!.GetValue<string>())));
        AssertResultsMatch(report, run);
        Assert.Contains(run["results"]!.AsArray(), r =>
            r!["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>() == "post-mortems/INC-2%20a%2C%20b%3A%20c.md");
    }

    [Fact]
    public void The_lint_command_prints_sarif_with_files_relative_to_the_current_folder()
    {
        var stdout = new StringWriter();

        var exit = Cli.Program.Run(["lint", "--input", Repo.SampleInput, "--format", "sarif"], stdout, new StringWriter());

        Assert.Equal(0, exit);
        var sarif = JsonNode.Parse(stdout.ToString())!.AsObject();
        AssertValid(sarif);
        var result = Assert.Single(sarif["runs"]![0]!["results"]!.AsArray());
        Assert.Equal("time-to-publish", result!["ruleId"]!.GetValue<string>());
    }

    [Fact]
    public void The_schema_check_rejects_what_SARIF_does_not_allow()
    {
        using var temp = new TempFolder();
        var report = new LintReport([new LintFinding("post-mortems/INC-1.md", 3, 2, "blame-person", "m", "h")], 1);
        AssertValid(SarifLog.Create(report, temp.Path, temp.Path));

        var lineZero = SarifLog.Create(report, temp.Path, temp.Path);
        lineZero["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"] = 0;
        var columnOnly = SarifLog.Create(report, temp.Path, temp.Path);
        columnOnly["runs"]![0]!["results"]![0]!["locations"]![0]!["physicalLocation"]!["region"]!.AsObject().Remove("startLine");
        var unknownLevel = SarifLog.Create(report, temp.Path, temp.Path);
        unknownLevel["runs"]![0]!["results"]![0]!["level"] = "fatal";
        var noMessage = SarifLog.Create(report, temp.Path, temp.Path);
        noMessage["runs"]![0]!["results"]![0]!.AsObject().Remove("message");

        Assert.All(new[] { lineZero, columnOnly, unknownLevel, noMessage }, sarif => Assert.False(Evaluate(sarif).IsValid));
    }

    [CorpusFact("dfds")]
    public async Task Sarif_for_a_real_corpus_is_valid_against_the_SARIF_2_1_0_schema()
    {
        var dfds = Repo.Corpus("dfds");
        var report = await LintRunner.RunAsync(dfds);
        Assert.NotEmpty(report.Findings);

        // Under the base folder (relative URIs against %SRCROOT%) and outside it (absolute file URIs).
        foreach (var baseFolder in new[] { Path.GetDirectoryName(dfds)!, Repo.Root })
        {
            var sarif = SarifLog.Create(report, dfds, baseFolder);
            AssertValid(sarif);
            AssertResultsMatch(report, sarif["runs"]![0]!);
        }
    }

    [Fact]
    public async Task A_finding_keeps_its_fingerprint_when_a_blank_line_is_inserted_above_it()
    {
        using var temp = new TempFolder();
        var text = LintKit.With("Sarah forgot to check the config.");
        temp.Write("post-mortems/INC-1.md", text);
        var before = Single(await FingerprintsAsync(temp));

        var marker = text.Split('\n').ToList();
        marker.Insert(LintKit.MarkerLine - 2, "");
        temp.Write("post-mortems/INC-1.md", string.Join('\n', marker));
        var after = Single(await FingerprintsAsync(temp));

        Assert.Equal(before.Line + 1, after.Line);
        Assert.Equal(before.Fingerprint, after.Fingerprint);
        Assert.Matches("^[0-9a-f]{16}:1$", before.Fingerprint);
    }

    [Fact]
    public async Task Findings_on_identical_lines_are_told_apart_and_other_text_changes_the_fingerprint()
    {
        using var temp = new TempFolder();
        temp.Write("post-mortems/INC-1.md", LintKit.With("Sarah forgot to check the config.\n\nSarah forgot to check the config.\n\nJohn forgot to check the config."));

        var fingerprints = await FingerprintsAsync(temp);

        Assert.Equal(3, fingerprints.Count);
        Assert.Equal(fingerprints[0].Fingerprint[..16], fingerprints[1].Fingerprint[..16]);
        Assert.Equal((":1", ":2"), (fingerprints[0].Fingerprint[16..], fingerprints[1].Fingerprint[16..]));
        Assert.NotEqual(fingerprints[0].Fingerprint[..16], fingerprints[2].Fingerprint[..16]);
    }

    private static (int Line, string Fingerprint) Single(IReadOnlyList<(int Line, string Fingerprint)> fingerprints) => Assert.Single(fingerprints);

    private static async Task<IReadOnlyList<(int Line, string Fingerprint)>> FingerprintsAsync(TempFolder temp)
    {
        var report = await LintRunner.RunAsync(temp.Path);
        var sarif = SarifLog.Create(report, temp.Path, temp.Path);
        AssertValid(sarif);
        return sarif["runs"]![0]!["results"]!.AsArray()
            .Select(r => (r!["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>(),
                r["partialFingerprints"]![SarifLog.FingerprintKey]!.GetValue<string>()))
            .ToList();
    }

    // One result per finding, in order, each pointing at its own rule, with the finding's level and position.
    private static void AssertResultsMatch(LintReport report, JsonNode run)
    {
        var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
        var results = run["results"]!.AsArray();
        Assert.Equal(report.Findings.Count, results.Count);
        foreach (var (finding, result) in report.Findings.Zip(results))
        {
            Assert.Equal(finding.Rule, result!["ruleId"]!.GetValue<string>());
            Assert.Equal(finding.Rule, rules[result["ruleIndex"]!.GetValue<int>()]!["id"]!.GetValue<string>());
            Assert.Equal(finding.Severity == LintSeverity.Error ? "error" : "warning", result["level"]!.GetValue<string>());
            var location = result["locations"]![0]!["physicalLocation"]!;
            var artifact = location["artifactLocation"]!;
            if (artifact["uriBaseId"] is not null)
            {
                Assert.Equal(SarifLog.SourceRoot, artifact["uriBaseId"]!.GetValue<string>());
                Assert.False(Uri.TryCreate(artifact["uri"]!.GetValue<string>(), UriKind.Absolute, out _));
            }
            else
            {
                Assert.StartsWith("file:///", artifact["uri"]!.GetValue<string>(), StringComparison.Ordinal);
            }

            Assert.Equal(finding.Line > 0 ? finding.Line : null, location["region"]?["startLine"]?.GetValue<int>());
            Assert.Equal(finding.Column > 0 && finding.Line > 0 ? finding.Column : null, location["region"]?["startColumn"]?.GetValue<int>());
            Assert.NotNull(result["partialFingerprints"]![SarifLog.FingerprintKey]);
        }
    }

    /// <summary>
    /// The vendored OASIS schema, kept as published, with one known defect mended on loading: in <c>region</c> the
    /// <c>anyOf</c> (a region needs startLine, charOffset or byteOffset) sits inside <c>properties</c>, where it would
    /// declare a property named "anyOf" whose schema is an array, which JsonSchema.Net rightly refuses. Moved up to
    /// <c>region</c> itself, it is the constraint the specification states (§3.30.2), and it checks our regions too.
    /// </summary>
    private static JsonSchema LoadSchema()
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Distribution", "sarif-schema-2.1.0.json")))!.AsObject();
        var region = schema["definitions"]!["region"]!.AsObject();
        var properties = region["properties"]!.AsObject();
        if (properties["anyOf"] is JsonArray anyOf)
        {
            properties.Remove("anyOf");
            region["anyOf"] = anyOf;
        }

        return JsonSchema.FromText(schema.ToJsonString());
    }

    private static EvaluationResults Evaluate(JsonObject sarif)
    {
        using var document = JsonDocument.Parse(sarif.ToJsonString());
        return s_schema.Value.Evaluate(document.RootElement, new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            RequireFormatValidation = true,
        });
    }

    private static void AssertValid(JsonObject sarif)
    {
        var results = Evaluate(sarif);
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .Take(20)
            .ToList();
        Assert.True(results.IsValid, "SARIF does not match the schema:\n" + string.Join('\n', errors));
    }
}
