using AngleSharp.Html.Parser;
using PmSite.Building;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Redaction;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Redaction;

public sealed class PublicBuildTests
{
    private static Task<PmSite.Building.BuildResult> BuildPublicAsync(string input, string output, string? theme = null) =>
        PmSite.Building.SiteBuild.RunAsync(new PmSite.Building.BuildOptions
        {
            InputFolder = input,
            OutputFolder = output,
            ThemeFolder = theme ?? Repo.Theme,
            Now = SiteFixture.Now,
            Public = true,
        });

    [Fact]
    public async Task No_planted_value_appears_in_any_output_byte_or_file_name()
    {
        using var temp = new TempFolder();
        var input = PlantedKnowledgeBase.Write(temp);
        var output = temp.Combine("site");

        var result = await BuildPublicAsync(input, output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.PostMortems);
        Assert.Empty(OutputSearch.Find(output, PlantedKnowledgeBase.Values));
        Assert.Empty(OutputSearch.Find(output, PlantedKnowledgeBase.NameParts, ignoreCase: false));
    }

    [Fact]
    public async Task Withheld_post_mortems_leave_no_trace_and_no_warning()
    {
        using var temp = new TempFolder();
        var input = PlantedKnowledgeBase.Write(temp);
        var output = temp.Combine("site");

        var result = await BuildPublicAsync(input, output);

        Assert.True(result.Succeeded);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "dangling-related" || d.Code == "unknown-id");
        Assert.Equal(["inc-100", "inc-101"], Directory.GetDirectories(Path.Combine(output, "incidents")).Select(Path.GetFileName).Order());
        var sitemap = File.ReadAllText(Path.Combine(output, "sitemap.xml"));
        Assert.Contains("incidents/inc-100/", sitemap, StringComparison.Ordinal);
        var feed = File.ReadAllText(Path.Combine(output, "feed.xml"));
        Assert.Equal(2, feed.Split("<entry>").Length - 1);

        // The reading list keeps its public entries in order; a list of withheld ones only is not published.
        var list = Page(output, "reading-lists/start-here/index.html");
        Assert.Equal(["INC-100", "INC-101"], list.QuerySelectorAll("ol.reading-list [data-incident-id]").Select(e => e.GetAttribute("data-incident-id")));
        Assert.False(Directory.Exists(Path.Combine(output, "reading-lists", "finance")));
        Assert.DoesNotContain("Finance incidents", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);

        // Related: INC-101 links to INC-100; the internal INC-201 that also does is not there.
        var related = Page(output, "incidents/inc-100/index.html").QuerySelectorAll("#related-incidents a[data-incident-id]");
        Assert.Equal(["INC-101"], related.Select(a => a.GetAttribute("data-incident-id")));
    }

    [Fact]
    public async Task Derived_artefacts_are_made_from_redacted_text_and_read_well()
    {
        using var temp = new TempFolder();
        var input = PlantedKnowledgeBase.Write(temp);
        var output = temp.Combine("site");

        await BuildPublicAsync(input, output);

        var page = Page(output, "incidents/inc-100/index.html");
        Assert.Equal("Checkout errors for Customer A after the Service A cut-over", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("h2#impact-on-customer-a"));
        Assert.Contains(page.QuerySelectorAll(".toc a"), a => a.GetAttribute("href") == "#impact-on-customer-a");
        var prose = page.QuerySelector(".prose")!.TextContent;
        Assert.Contains("Engineer 3 declared SEV2 in #[channel] after a database migration project moved traffic onto Service A.", prose, StringComparison.Ordinal);
        Assert.Contains("Engineer 3's first call was to roll back; PostgreSQL on Kubernetes held up and the TLS handshake was fine.", prose, StringComparison.Ordinal);
        Assert.Contains("ARR of [amount] at risk; [amount] in credits.", prose, StringComparison.Ordinal);
        Assert.Contains("Availability was 99.95% for the month; HTTP 503 for 40 minutes.", prose, StringComparison.Ordinal);
        Assert.Contains("As in another incident, see the ledger write-up.", prose, StringComparison.Ordinal);
        Assert.Equal("#redacted", page.QuerySelector(".prose a[href='#redacted']")?.GetAttribute("href"));
        Assert.Equal("Customer A traffic", page.QuerySelector(".prose img")!.GetAttribute("alt"));
        Assert.Equal(["2025-03-04 10:30", "2025-03-04 10:35", "2025-03-04 10:40"], page.QuerySelectorAll(".timeline-time").Select(t => t.ChildNodes[0].TextContent.Trim()));
        Assert.Equal(["Monitoring", "Engineer 4", "Engineer 5"], page.QuerySelectorAll(".timeline-actor").Select(t => t.TextContent));
        Assert.Equal("[ticket]", page.QuerySelector("table.action-items td:last-child")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("a[href*='jira']"));
        // The front matter's summary is the page description (the body has a summary section of its own to show).
        Assert.Contains("Customer A's checkout failed for 40 minutes; about [amount] in orders were lost.", page.QuerySelector("meta[name=description]")!.GetAttribute("content"), StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("dt"), dt => dt.TextContent == "Source");
        Assert.True(Directory.Exists(Path.Combine(output, "tags", "customer-a")));
        Assert.False(Directory.Exists(Path.Combine(output, "tags", "globex")));
        Assert.True(Directory.Exists(Path.Combine(output, "services", "service-a")));
    }

    [Fact]
    public async Task The_report_is_written_next_to_the_output_and_holds_no_original()
    {
        using var temp = new TempFolder();
        var input = PlantedKnowledgeBase.Write(temp);
        var output = temp.Combine("site");

        await BuildPublicAsync(input, output);

        var json = File.ReadAllText(temp.Combine("site.redaction.json"));
        var text = File.ReadAllText(temp.Combine("site.redaction.txt"));
        Assert.DoesNotContain(Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories), f => f.Contains("redaction", StringComparison.Ordinal));
        using var report = System.Text.Json.JsonDocument.Parse(json);
        Assert.True(report.RootElement.GetProperty("verifier").GetProperty("passed").GetBoolean());
        Assert.Equal(2, report.RootElement.GetProperty("withheld_post_mortems").GetInt32());
        var incident = report.RootElement.GetProperty("scopes").EnumerateArray().Single(s => s.GetProperty("scope").GetString() == "INC-100");
        Assert.Equal(1, incident.GetProperty("blocks_removed").GetInt32());
        foreach (var kind in new[] { "people", "customers", "systems", "terms", "internal-hosts", "emails", "ip-addresses", "money", "card-numbers", "account-numbers", "tickets", "secrets", "channels", "withheld-incidents" })
        {
            Assert.True(incident.GetProperty("counts").TryGetProperty(kind, out var count) && count.GetInt32() > 0, kind);
        }

        Assert.Contains("Customer A", incident.GetProperty("pseudonyms").GetProperty("customers").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("Leak verifier: passed", text, StringComparison.Ordinal);
        foreach (var value in PlantedKnowledgeBase.Values.Where(v => v != "INC-100"))
        {
            Assert.DoesNotContain(value, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_value_slipped_in_by_a_theme_fails_the_build_and_leaves_the_previous_output_byte_identical()
    {
        using var temp = new TempFolder();
        var input = PlantedKnowledgeBase.Write(temp);
        var output = temp.Combine("site");
        var theme = temp.Combine("theme");
        CopyFolder(Repo.Theme, theme);
        string[] Args() => ["build", "--public", "--input", input, "--output", output, "--theme", theme, "--now", "2026-01-31"];
        Assert.Equal(0, Cli.Program.Run(Args(), TextWriter.Null, TextWriter.Null));
        var before = Snapshot(output);

        // The theme's footer now thanks a customer by name, on every page, out of reach of redaction.
        var layout = Path.Combine(theme, "layout.liquid");
        File.WriteAllText(layout, File.ReadAllText(layout).Replace("built with PmSite", "built with PmSite for Globex Corporation", StringComparison.Ordinal));
        var stderr = new StringWriter();
        var exit = Cli.Program.Run(Args(), TextWriter.Null, stderr);

        Assert.Equal(1, exit);
        Assert.Equal(before, Snapshot(output));
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path), d => Path.GetFileName(d).StartsWith("site.", StringComparison.Ordinal));
        var errors = stderr.ToString();
        Assert.Contains("/site/incidents/inc-100/index.html:", errors, StringComparison.Ordinal);
        Assert.Contains("error leak: customers value 'Gl**********'", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Globex", errors, StringComparison.Ordinal);
        Assert.Contains("Leak verifier: FAILED", File.ReadAllText(temp.Combine("site.redaction.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unbalanced_internal_marker_fails_the_public_build_with_file_and_line_and_warns_in_the_internal_one()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", extra: "visibility: public",
            body: "\n## Executive Summary\n\nShort.\n\n<!-- internal -->\nGlobex Corporation's contract.\n"));
        var input = temp.Combine("kb");

        var publicResult = await BuildPublicAsync(input, temp.Combine("public"));
        var internalResult = await SiteFixture.BuildAsync(input, temp.Combine("internal"));

        var error = Assert.Single(publicResult.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(("post-mortems/INC-1.md", 14, "internal-block"), (error.File, error.Line, error.Code));
        Assert.False(Directory.Exists(temp.Combine("public")));
        Assert.True(internalResult.Succeeded);
        Assert.Contains(internalResult.Diagnostics, d => d is { Level: DiagnosticLevel.Warning, Code: "internal-block", Line: 14 });
    }

    [Fact]
    public async Task A_serve_session_warns_of_an_unbalanced_marker_in_every_rebuild_and_stops_once_it_is_fixed()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", extra: "visibility: public",
            body: "\n## Executive Summary\n\nShort.\n\n<!-- internal -->\nGlobex Corporation's contract.\n"));
        temp.Write("kb/post-mortems/INC-2.md", SiteFixture.PostMortem("INC-2"));
        var input = temp.Combine("kb");
        var session = new BuildCache { Session = true };
        Task<BuildResult> Rebuild() => SiteBuild.RunAsync(new BuildOptions
        {
            InputFolder = input, OutputFolder = temp.Combine("site"), ThemeFolder = Repo.Theme, Now = SiteFixture.Now, Cache = session,
        });
        static bool Warns(BuildResult result) => result.Diagnostics.Any(d => d is { Level: DiagnosticLevel.Warning, Code: "internal-block", Line: 14 });

        Assert.True(Warns(await Rebuild()));
        // The file with the marker is unchanged, so this rebuild does not read it again: its warning still shows.
        File.AppendAllText(temp.Combine("kb/post-mortems/INC-2.md"), "\nA lesson added later.\n");
        Assert.True(Warns(await Rebuild()));
        File.AppendAllText(temp.Combine("kb/post-mortems/INC-1.md"), "\n<!-- /internal -->\n");
        Assert.False(Warns(await Rebuild()));
    }

    [Fact]
    public async Task The_public_edition_is_byte_identical_from_build_to_build()
    {
        using var temp = new TempFolder();
        var input = PlantedKnowledgeBase.Write(temp);

        await BuildPublicAsync(input, temp.Combine("a"));
        await BuildPublicAsync(input, temp.Combine("b"));

        Assert.Equal(Snapshot(temp.Combine("a")), Snapshot(temp.Combine("b")));
        Assert.Equal(File.ReadAllText(temp.Combine("a.redaction.json")), File.ReadAllText(temp.Combine("b.redaction.json")));
    }

    [Fact]
    public async Task The_sample_knowledge_base_publishes_its_five_public_post_mortems_and_passes_the_verifier()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");

        var result = await BuildPublicAsync(Repo.SampleInput, output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        // Lint's advice (a post-mortem published after 72 hours) is for authors, not a problem of the edition.
        Assert.DoesNotContain(result.Diagnostics, d => d.Level == DiagnosticLevel.Warning && !PmSite.Authoring.Lint.Linter.RuleNames.Contains(d.Code));
        Assert.Equal(["inc-1001", "inc-1003", "inc-1005", "inc-1007", "inc-1010"], Directory.GetDirectories(Path.Combine(output, "incidents")).Select(Path.GetFileName).Order());
        string[] sensitive =
        [
            "Marta Kowalczyk", "Daniel Osei", "Sofia Lindqvist", "Tomas Rivera", "Brightwater Outfitters", "Halvorsen Grocers",
            "Pinecrest Pharmacy", "Kestrel", "pg-orders-03", "Magpie", "corp.northwind.internal", "alice.chen", "farid.haddad",
            "INC-1002", "INC-1006", "INC-1011", "OPS-1042", "PAY-301", "#inc-checkout", "10.20.4.17", "$84,000",
        ];
        Assert.Empty(OutputSearch.Find(output, sensitive));
        var inc1005 = Page(output, "incidents/inc-1005/index.html").QuerySelector(".prose")!.TextContent;
        Assert.Contains("Customer A's prescription pick-up notifications were late", inc1005, StringComparison.Ordinal);
        Assert.Contains("when a queue migration project moved them", inc1005, StringComparison.Ordinal);
        Assert.Contains("from RabbitMQ onto Service A, our Kafka-based event platform", inc1005, StringComparison.Ordinal);
        Assert.Contains("Leak verifier: passed", File.ReadAllText(temp.Combine("site.redaction.txt")), StringComparison.Ordinal);
    }

    private static AngleSharp.Html.Dom.IHtmlDocument Page(string output, string path) =>
        new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, path)));

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
