using PmSite.Authoring.Init;
using PmSite.Building;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Authoring;

/// <summary>
/// <c>pmsite init</c>: the <c>pmsite.yml</c> it writes is read without a diagnostic, and a build with it is never worse than
/// the same folder without it — same post-mortems, each at least as complete, no new error.
/// </summary>
public sealed class InitCommandTests
{
    [CorpusFact("dfds")]
    public Task Dfds() => DescribesCorpus("dfds");

    [CorpusFact("usdigitalresponse-univaf")]
    public Task Univaf() => DescribesCorpus("usdigitalresponse-univaf");

    [CorpusFact("berkeley-dsep-infra-datahub")]
    public Task Datahub() => DescribesCorpus("berkeley-dsep-infra-datahub");

    [CorpusFact("comdex-official-incident-reports")]
    public Task Comdex() => DescribesCorpus("comdex-official-incident-reports");

    [CorpusFact("govuk-one-login-account-interventions-service")]
    public Task Govuk() => DescribesCorpus("govuk-one-login-account-interventions-service");

    [Fact]
    public async Task No_severity_anywhere_gives_a_commented_example_and_the_count_of_what_was_found()
    {
        using var temp = new TempFolder();
        var kb = temp.Combine("team-runbooks");
        temp.Write("team-runbooks/PM2024-001 - Disk full.md", "# Disk full\n\n## Summary\n\nThe disk filled up on 2024-03-02.\n");
        temp.Write("team-runbooks/PM2024-002 - DNS.md", "# DNS\n\n## Summary\n\nDNS failed on 2024-05-09.\n");
        temp.Write("team-runbooks/README.md", "# Our post-mortems\n");
        var stdout = new StringWriter();

        Assert.Equal(0, await Cli.Commands.InitCommand.RunAsync(kb, stdout, new StringWriter()));

        var text = File.ReadAllText(Path.Combine(kb, "pmsite.yml"));
        Assert.Contains("\ntitle: Team runbooks incident library\n", text, StringComparison.Ordinal);
        Assert.Contains("# severities: [SEV1, SEV2, SEV3]\n", text, StringComparison.Ordinal);
        Assert.Contains("# statuses: [Draft, Under Review, Published]\n", text, StringComparison.Ordinal);
        Assert.Contains("# 2 post-mortems (PM2024-001 … PM2024-002) found in this folder and its sub-folders", text, StringComparison.Ordinal);
        Assert.Contains("README.md", text, StringComparison.Ordinal);
        Assert.Contains("\nstrict: false\n", text, StringComparison.Ordinal);
        Assert.Contains("# base_url: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\nseverities:", text, StringComparison.Ordinal);
        Assert.Contains("2 post-mortems read from this folder", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("severity for 0, status for 0", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("Severities in use: none; statuses in use: none.", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("Wrote " + Path.Combine(kb, "pmsite.yml"), stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal(new SiteSettings().Severities, Read(text).Severities);
    }

    [Fact]
    public async Task Mixed_scales_map_onto_the_most_used_one_and_a_word_on_no_scale_keeps_the_vocabulary_open()
    {
        using var temp = new TempFolder();
        var kb = Mixed(temp, ("SEV1", "Resolved"), ("SEV1", "Draft"), ("Critical", "Resolved"), ("P2", "Draft"), ("High", "Resolved"), ("Weird", "Draft"));

        var (text, before, after) = await InitAndBuild(temp, kb);

        var settings = Read(text);
        Assert.False(settings.SeveritiesDeclared);
        Assert.Equal(new Dictionary<string, string> { ["Critical"] = "SEV1", ["High"] = "SEV2", ["P2"] = "SEV2" }, settings.SeverityAliases);
        Assert.Contains("# severities:\n# - SEV1\n# - SEV2\n", text, StringComparison.Ordinal);
        Assert.Contains("# Not placed: Weird (on no severity scale PmSite knows)", text, StringComparison.Ordinal);
        Assert.Equal(VocabularyProposal.CanonicalStatuses, settings.Statuses);
        Assert.Equal(new Dictionary<string, string> { ["Resolved"] = "Published" }, settings.StatusAliases);
        Assert.DoesNotContain(after.Diagnostics, d => d.Code is "unknown-severity" or "unknown-status");
        Assert.Equal(0, after.Errors);
        var severities = after.Coverage!;
        Assert.Equal(before.Coverage!.WithSeverity, severities.WithSeverity);
    }

    [Fact]
    public async Task When_every_word_has_a_place_the_scale_is_declared_without_holes()
    {
        using var temp = new TempFolder();
        var kb = Mixed(temp, ("SEV1", "Published"), ("sev 4", "Final"), ("Critical", "Resolved"), ("P2", "In review"), ("SEV1", "Draft"));

        var (text, _, after) = await InitAndBuild(temp, kb);

        var settings = Read(text);
        Assert.True(settings.SeveritiesDeclared);
        Assert.Equal(["SEV1", "SEV2", "SEV3", "SEV4"], settings.Severities);
        Assert.Equal(new Dictionary<string, string> { ["Critical"] = "SEV1", ["P2"] = "SEV2", ["sev 4"] = "SEV4" }, settings.SeverityAliases);
        Assert.Equal(new Dictionary<string, string> { ["Final"] = "Published", ["In review"] = "Under Review", ["Resolved"] = "Published" }, settings.StatusAliases);
        Assert.Equal(0, after.Errors);
    }

    [Fact]
    public async Task Scale_words_used_most_name_the_levels_and_their_synonyms_map_to_them()
    {
        using var temp = new TempFolder();
        var kb = Mixed(temp, ("Critical", "Closed"), ("High", "Closed"), ("High", "Closed"), ("major", "Closed"), ("Low", "Løst"), ("P1", "Gelöst"));

        var (text, _, after) = await InitAndBuild(temp, kb);

        var settings = Read(text);
        Assert.True(settings.SeveritiesDeclared);
        Assert.Equal(["Critical", "High", "Low"], settings.Severities);
        Assert.Equal(new Dictionary<string, string> { ["P1"] = "Critical", ["major"] = "High" }, settings.SeverityAliases);
        Assert.Equal("Published", settings.StatusAliases["Løst"]);
        Assert.Equal("Published", settings.StatusAliases["Gelöst"]);
        Assert.Equal(0, after.Errors);
    }

    /// <summary>The rule: whatever the folder holds, the written file never makes its build fail or read less.</summary>
    [Theory]
    [InlineData("SEV1|Resolved", "Weird|Investigating", "P3|Monitoring")]
    [InlineData("Blocker|", "Trivial|", "S2|Draft")]
    [InlineData("P0|Open", "P4|Closed", "Critical|Erledigt")]
    [InlineData("Major|Done", "Minor|Done", "SEV3|Postponed")]
    [InlineData("|", "|Resolved")]
    public async Task The_written_file_never_makes_the_build_worse(params string[] posts)
    {
        using var temp = new TempFolder();
        var kb = Mixed(temp, posts.Select(p => p.Split('|')).Select(p => (p[0], p[1])).ToArray());

        var (text, before, after) = await InitAndBuild(temp, kb);

        Assert.Empty(Diagnose(text));
        Assert.Equal(before.PostMortems, after.PostMortems);
        Assert.True(after.Coverage!.WithSeverity >= before.Coverage!.WithSeverity);
        Assert.True(after.Coverage.WithStatus >= before.Coverage.WithStatus);
        Assert.Equal(0, after.Errors);
    }

    [Fact]
    public async Task In_a_folder_without_warnings_a_mapping_that_would_add_one_stays_a_comment()
    {
        // Resolved read as Published makes lint ask for reviewers, which this post-mortem does not name.
        using var temp = new TempFolder();
        var kb = temp.Combine("kb");
        var text = File.ReadAllText(Path.Combine(Repo.SampleInput, "post-mortems", "2025", "INC-1009-payment-worker-mtls-certificate-expiry.md"))
            .Replace("status: Published\n", "status: Resolved\n", StringComparison.Ordinal)
            .Replace("reviewers: [erin.walsh, dev.patel]\n", "", StringComparison.Ordinal)
            .Replace("related: [INC-1001, INC-1007, INC-1005]\n", "", StringComparison.Ordinal);
        temp.Write("kb/post-mortems/INC-1009.md", text);

        var (written, before, after) = await InitAndBuild(temp, kb);

        Assert.Equal(0, before.Warnings);
        Assert.Equal(0, after.Warnings);
        var settings = Read(written);
        Assert.Empty(settings.StatusAliases);
        Assert.Empty(settings.Statuses);
        Assert.Contains("#   Resolved: Published\n", written, StringComparison.Ordinal);
        Assert.Equal(["SEV2"], settings.Severities);
        Assert.True(settings.SeveritiesDeclared);
    }

    [Fact]
    public async Task An_existing_pmsite_yml_is_never_overwritten()
    {
        using var temp = new TempFolder();
        var kb = Mixed(temp, ("SEV1", "Resolved"));
        var bytes = "title: Ours\n# hand-written\n"u8.ToArray();
        File.WriteAllBytes(Path.Combine(kb, "pmsite.yml"), bytes);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = Cli.Program.Run(["init", "--input", kb], stdout, stderr);

        Assert.Equal(Cli.Program.ContentErrors, exit);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Combine(kb, "pmsite.yml")));
        Assert.Equal($"pmsite: {Path.Combine(kb, "pmsite.yml")} already exists; not overwriting it", stderr.ToString().Trim());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void A_missing_input_folder_is_a_usage_error_and_nothing_is_written()
    {
        using var temp = new TempFolder();
        var stderr = new StringWriter();

        Assert.Equal(Cli.Program.UsageError, Cli.Program.Run(["init", "--input", temp.Combine("nowhere")], new StringWriter(), stderr));
        Assert.Contains("does not exist", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("nowhere")));
    }

    [Fact]
    public async Task Colons_hashes_quotes_and_cyrillic_round_trip_through_the_written_yaml()
    {
        using var temp = new TempFolder();
        var kb = temp.Combine("Ops: \"#1\" it's Инциденты");
        Directory.CreateDirectory(Path.Combine(kb, "post-mortems"));
        File.WriteAllText(Path.Combine(kb, "post-mortems", "INC-1.md"), SiteFixture.PostMortem("INC-1", severity: "'Sev: 1 #x \"q\"'").Replace("status: Published", "status: Решено"));
        File.WriteAllText(Path.Combine(kb, "post-mortems", "INC-2.md"), SiteFixture.PostMortem("INC-2", severity: "Критический").Replace("status: Published", "status: 'Done: \"yes\" #2'"));

        Assert.Equal(0, await Cli.Commands.InitCommand.RunAsync(kb, new StringWriter(), new StringWriter()));

        var text = File.ReadAllText(Path.Combine(kb, "pmsite.yml"));
        var settings = Read(text);
        Assert.Equal("Ops: \"#1\" it's Инциденты incident library", settings.Title);
        Assert.Equal("Published", settings.StatusAliases["Решено"]);
        Assert.Empty(settings.Statuses);
        Assert.False(settings.SeveritiesDeclared);
        Assert.Contains("'Sev: 1 #x \"q\"'", text, StringComparison.Ordinal);
        Assert.Contains("Критический", text, StringComparison.Ordinal);
        Assert.Contains("Done: \"yes\" #2", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Alias_words_of_any_shape_are_written_so_that_they_read_back_as_written()
    {
        var aliases = new Dictionary<string, string>
        {
            ["a: b"] = "SEV1", ["#x"] = "SEV2", ["\"q\" 'r'"] = "SEV1", ["Критический"] = "SEV1",
            ["null"] = "yes", ["1"] = "- x", ["[y]"] = "{z}", ["  padded"] = "a # b",
        };

        var settings = Read(InitSettings.Yaml(new Dictionary<string, object> { ["severity_aliases"] = aliases, ["title"] = "#1: \"it's\" Сайт" }));

        Assert.Equal("#1: \"it's\" Сайт", settings.Title);
        Assert.Equal(aliases.ToDictionary(a => a.Key.Trim(), a => a.Value.Trim()), settings.SeverityAliases);
    }

    private static async Task DescribesCorpus(string corpus)
    {
        using var temp = new TempFolder();
        var kb = temp.Combine(corpus);
        Copy(Repo.Corpus(corpus), kb);

        var (text, before, after) = await InitAndBuild(temp, kb);

        Assert.Empty(Diagnose(text));
        Assert.Equal(before.PostMortems, after.PostMortems);
        Assert.True(after.PostMortems > 0);
        Assert.True(after.Coverage!.WithSeverity >= before.Coverage!.WithSeverity);
        Assert.True(after.Coverage.WithStatus >= before.Coverage.WithStatus);
        Assert.Equal(0, after.Errors);
        Assert.Contains($"# {after.PostMortems} post-mortem", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.EnumerateFiles(Repo.Corpus(corpus)), f => Path.GetFileName(f) == "pmsite.yml");
    }

    /// <summary>Builds the folder, runs <c>pmsite init</c> on it, builds it again with the file written.</summary>
    private static async Task<(string Text, BuildResult Before, BuildResult After)> InitAndBuild(TempFolder temp, string kb)
    {
        var before = await SiteFixture.BuildAsync(kb, temp.Combine("site-before"));
        var stderr = new StringWriter();
        var exit = Cli.Program.Run(["init", "--input", kb], new StringWriter(), stderr);
        Assert.True(exit == 0, stderr.ToString());
        var text = File.ReadAllText(Path.Combine(kb, "pmsite.yml"));
        var after = await SiteFixture.BuildAsync(kb, temp.Combine("site-after"));
        return (text, before, after);
    }

    /// <summary>A folder of post-mortems with these severities and statuses (an empty one left out).</summary>
    private static string Mixed(TempFolder temp, params (string Severity, string Status)[] posts)
    {
        var kb = temp.Combine("kb");
        for (var i = 0; i < posts.Length; i++)
        {
            var (severity, status) = posts[i];
            var id = $"INC-{i + 1:000}";
            var text = SiteFixture.PostMortem(id, date: $"2025-01-{i + 1:00}", severity: severity.Length > 0 ? severity : "SEV2");
            text = severity.Length > 0 ? text : text.Replace("severity: SEV2\n", "", StringComparison.Ordinal);
            text = status.Length > 0 ? text.Replace("status: Published", "status: " + status, StringComparison.Ordinal) : text.Replace("status: Published\n", "", StringComparison.Ordinal);
            Directory.CreateDirectory(Path.Combine(kb, "post-mortems"));
            File.WriteAllText(Path.Combine(kb, "post-mortems", id + ".md"), text);
        }

        return kb;
    }

    private static SiteSettings Read(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        var settings = SettingsReader.Parse(yaml, diagnostics);
        Assert.Empty(diagnostics.Sorted());
        return settings!;
    }

    private static IReadOnlyList<Diagnostic> Diagnose(string yaml)
    {
        var diagnostics = new DiagnosticBag();
        SettingsReader.Parse(yaml, diagnostics);
        return diagnostics.Sorted();
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
