using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Parsing;

/// <summary>
/// The shapes of folders teams already have (PRODUCT.md, "Adopting the folder a team already has"): each is read into a
/// post-mortem, what is missing is inferred or reported as a warning, and only what would make the site wrong is an error.
/// </summary>
public sealed class AdoptionSpecTests
{
    private static PostMortem Read(string file, string text, SiteSettings? settings = null)
    {
        var (p, diagnostics) = ParseHelper.Parse(file, text, settings);
        Assert.True(p is not null, string.Join("\n", diagnostics));
        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error);
        return p;
    }

    // 2. Ids PmSite infers itself are always valid.
    [Fact]
    public void A_long_file_name_gives_a_valid_id_and_two_alike_stay_apart()
    {
        const string stem = "2023-01-23-Upgrading-ingress-nginx-caused-brief-outage-in-some-hub-and-then-in-every-other-hub";
        var a = Read($"{stem}.md", "# Upgrading ingress-nginx caused a brief outage\n\nText.\n");
        var b = Read($"{stem}-again.md", "# Again\n\nText.\n");

        Assert.True(a.Id.Length <= 64, a.Id);
        Assert.Matches("^[a-z0-9][a-z0-9-]+$", a.Id);
        Assert.StartsWith("2023-01-23-upgrading-ingress-nginx", a.Id, StringComparison.Ordinal);
        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(new DateOnly(2023, 1, 23), a.Date);
    }

    [Fact]
    public void A_stated_id_that_is_too_long_says_so_in_full()
    {
        var id = new string('A', 70);
        var (p, diagnostics) = ParseHelper.Parse("a.md", $"---\nid: {id}\ntitle: T\ndate: 2025-01-01\n---\n");

        Assert.Null(p);
        var error = Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("invalid-id", error.Code);
        Assert.Contains("70 characters long", error.Message, StringComparison.Ordinal);
        Assert.Contains(id, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_name_in_another_script_gives_a_transliterated_id()
    {
        var p = Read("2019-07-01-база-данных-упала.md", "# База данных упала\n\nТекст.\n");

        Assert.Equal("2019-07-01-baza-dannykh-upala", p.Id);
        Assert.Equal("База данных упала", p.Title);
    }

    // 3. Front matter written for another tool.
    [Theory]
    [InlineData("jekyll", "---\nlayout: post\ntitle: \"Checkout outage\"\ndate: 2023-01-23 10:00:00 +0100\ncategories: [database, outage]\nauthor: alice\ndescription: Checkout was down for an hour.\npermalink: /pm/checkout/\n---\n\nBody.\n")]
    [InlineData("hugo", "---\ntitle: Checkout outage\ndate: 2023-01-23T10:00:00Z\ndraft: false\ntags: [database]\ncategories: [outage]\nweight: 10\ndescription: Checkout was down for an hour.\nauthors: [alice]\n---\n\nBody.\n")]
    [InlineData("docusaurus", "---\nslug: checkout-outage\ntitle: Checkout outage\nsidebar_position: 2\nkeywords: [database, outage]\nauthors: [alice]\ndate: 2023-01-23\ndescription: Checkout was down for an hour.\n---\n\nBody.\n")]
    [InlineData("mkdocs", "---\ntitle: Checkout outage\ndate: January 23, 2023\ntags:\n  - database\n  - outage\nauthor: alice\nsummary: Checkout was down for an hour.\nhide: [navigation]\n---\n\nBody.\n")]
    public void Front_matter_written_for_another_tool_is_read(string tool, string text)
    {
        var (p, diagnostics) = ParseHelper.Parse($"{tool}/2023-checkout.md", text);

        Assert.NotNull(p);
        Assert.DoesNotContain(diagnostics, d => d.Level == DiagnosticLevel.Error || d.Code == "unknown-field");
        Assert.Equal("2023-checkout", p.Id);
        Assert.Equal("Checkout outage", p.Title);
        Assert.Equal(new DateOnly(2023, 1, 23), p.Date);
        Assert.Equal(["alice"], p.Authors);
        Assert.Equal("Checkout was down for an hour.", p.Summary);
        Assert.Contains("database", p.Tags);
        Assert.Contains(diagnostics, d => d.Code == "unspecified" && d.Message.Contains("severity", StringComparison.Ordinal));
    }

    [Fact]
    public void Hugos_toml_front_matter_is_read_and_its_errors_have_their_line()
    {
        var p = Read("content/post-mortems/checkout.md", "+++\ntitle = \"Checkout outage\"\ndate = 2023-01-23T10:00:00+01:00\ntags = [\"database\", \"outage\"]\ndraft = true\n\n[params]\nauthor = \"alice\"\n+++\n\n## Summary\n\nText.\n");
        var (bad, diagnostics) = ParseHelper.Parse("b.md", "+++\ntitle = \"Checkout\ndate = 2023-01-23\n+++\n");

        Assert.Equal(("Checkout outage", new DateOnly(2023, 1, 23), "Draft"), (p.Title, p.Date, p.Status));
        Assert.Equal(["database", "outage"], p.Tags);
        Assert.Equal(11, p.Sections[0].Line);
        Assert.Null(bad);
        var error = Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(("toml", 2), (error.Code, error.Line));
    }

    [Fact]
    public void Toml_front_matter_nested_too_deep_is_one_error()
    {
        var (p, diagnostics) = ParseHelper.Parse("deep.md", "+++\ntitle = \"T\"\nx = " + new string('[', 100_000) + "\n+++\n");

        Assert.Null(p);
        var error = Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal(("too-deep", 3), (error.Code, error.Line));
    }

    [Fact]
    public void A_github_issue_template_gives_its_title_without_the_label_and_placeholders()
    {
        var p = Read("2022-01-20-upgrade.md", "---\nname: \"Hub Incident\"\nabout: \"Report an incident.\"\ntitle: \"[Incident] {{ Hubs throwing 505 errors }}\"\nlabels: [\"type: Hub Incident\"]\nassignees: \"\"\n---\n\n# Summary\n\nThe hubs failed.\n");

        Assert.Equal("Hubs throwing 505 errors", p.Title);
        Assert.Equal(new DateOnly(2022, 1, 20), p.Date);
        Assert.Equal(SectionKind.Summary, p.Sections[0].Kind);
    }

    // 4. The guide's header lines in the team's own words and languages.
    [Theory]
    [InlineData("# Post-Mortem: Login outage\n\n**Date:** January 14-19, 2026\n**Severity:** Critical\n**Status:** Resolved\n\n## Summary\n\nText.\n", "2026-01-14", "Critical", "Resolved")]
    [InlineData("# Login outage\n\nDate: 2026-01-14\nSeverity: SEV2\nStatus: published\n\n## Summary\n\nText.\n", "2026-01-14", "SEV2", "Published")]
    [InlineData("# Innlogging nede\n\n**Dato:** 14.01.2026\n**Alvorlighetsgrad:** Høy\n**Status:** Løst\n\n## Sammendrag\n\nTekst.\n", "2026-01-14", "Høy", "Løst")]
    [InlineData("# Anmeldung gestört\n\n**Datum:** 14. Januar 2026\n**Schweregrad:** Hoch\n**Status:** Behoben\n", "2026-01-14", "Hoch", "Behoben")]
    [InlineData("# Connexion impossible\n\n**Date :** 14 janvier 2026\n**Gravité :** Majeure\n**Statut :** Résolu\n", "2026-01-14", "Majeure", "Résolu")]
    [InlineData("# Caída del acceso\n\n- **Fecha:** 14 de enero de 2026\n- **Severidad:** Alta\n- **Estado:** Resuelto\n", "2026-01-14", "Alta", "Resuelto")]
    [InlineData("# Inloggen kapot\n\nDatum: 14 januari 2026\nErnst: Hoog\nStatus: Opgelost\n", "2026-01-14", "Hoog", "Opgelost")]
    [InlineData("## Incident Report for Login outage\n\n## Date: December 08, 2022\n\n## Time: 5:13:57 UTC\n\n## Details:\n\nText.\n", "2022-12-08", null, null)]
    public void Header_lines_in_a_teams_own_words_are_read(string text, string date, string? severity, string? status)
    {
        var p = Read("login.md", text);

        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), p.Date);
        Assert.Equal(severity, p.Severity);
        Assert.Equal(status, p.Status);
        Assert.DoesNotContain("Date", p.Body.Markdown, StringComparison.Ordinal);
        Assert.Equal("login", p.Id);
    }

    [Fact]
    public void A_range_or_an_ambiguous_date_is_a_warning_saying_what_was_chosen()
    {
        var (p, diagnostics) = ParseHelper.Parse("a.md", "# A\n\n**Date:** 03/04/2021\n");

        Assert.Equal(new DateOnly(2021, 3, 4), p!.Date);
        Assert.Contains("month/day", Assert.Single(diagnostics, d => d.Code == "date-choice").Message, StringComparison.Ordinal);
    }

    // 5. Index pages are not post-mortems.
    [Fact]
    public void Index_pages_are_skipped_with_a_note()
    {
        using var folder = new TempFolder();
        folder.Write("index.md", "# Incident reports\n\n- [One](2024-01-02-one.md)\n");
        folder.Write("_index.md", "---\ntitle: Reports\n---\n");
        folder.Write("SUMMARY.md", "# Summary\n\n- [One](2024-01-02-one.md)\n");
        folder.Write("2024-01-02-one.md", "# One\n\nText.\n");
        folder.Write("2024-02-03-two.mdx", "# Two\n\nText.\n");
        var diagnostics = new DiagnosticBag();

        var files = new InputFolder(folder.Path).PostMortemFiles(diagnostics);

        Assert.Equal(["2024-01-02-one.md", "2024-02-03-two.mdx"], files.Select(Path.GetFileName));
        Assert.Equal(3, diagnostics.Sorted().Count(d => d.Code == "skipped" && d.Message.Contains("index page", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_index_page_alone_in_its_folder_is_a_page_bundle_named_by_its_folder()
    {
        using var folder = new TempFolder();
        folder.Write("2021-03-04-checkout-outage/index.md", "# Checkout outage\n\nText.\n");
        folder.Write("2021-03-04-checkout-outage/images/graph.png", "not really a png");
        folder.Write("2022/index.md", "# 2022\n\n- [Outage](2022-05-06-outage.md)\n");
        folder.Write("2022/2022-05-06-outage.md", "# Outage\n\nText.\n");
        var diagnostics = new DiagnosticBag();

        var files = new InputFolder(folder.Path).PostMortemFiles(diagnostics).Select(f => Path.GetRelativePath(folder.Path, f).Replace('\\', '/')).ToList();
        var bundle = Read("2021-03-04-checkout-outage/index.md", "# Checkout outage\n\nText.\n");

        Assert.Equal(["2021-03-04-checkout-outage/index.md", "2022/2022-05-06-outage.md"], files);
        Assert.Equal(("2021-03-04-checkout-outage", new DateOnly(2021, 3, 4)), (bundle.Id, bundle.Date));
    }

    // 6. Dates in the file name alone, a Date section, prose, the folder.
    [Fact]
    public void A_file_named_only_by_its_date_takes_title_from_its_heading()
    {
        var p = Read("2019-01-23.md", "# Registry outage\n\nText.\n");

        Assert.Equal(("2019-01-23", "Registry outage", new DateOnly(2019, 1, 23)), (p.Id, p.Title, p.Date));
    }

    [Fact]
    public void A_file_with_no_title_anywhere_is_an_error()
    {
        var (p, diagnostics) = ParseHelper.Parse("2019-01-23.md", "Just text, no heading.\n");

        Assert.Null(p);
        Assert.Equal("no-title", Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error).Code);
    }

    [Fact]
    public void A_date_section_gives_the_date()
    {
        var p = Read("outage.md", "# Outage\n\n## Date\n\nStart: Wednesday, 2018-08-22\nEnd: Thursday, 2018-08-23\n\n## Summary\n\nText.\n");

        Assert.Equal(new DateOnly(2018, 8, 22), p.Date);
    }

    [Fact]
    public void A_date_only_in_prose_is_taken_with_a_warning()
    {
        var (p, diagnostics) = ParseHelper.Parse("outage.md", "# Outage\n\n## Summary\n\nOn Sept. 18th, 2017 the site was down.\n");

        Assert.Equal(new DateOnly(2017, 9, 18), p!.Date);
        var warning = Assert.Single(diagnostics, d => d.Code == "prose-date");
        Assert.Contains("2017-09-18", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Sept. 18th, 2017", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-04/04-25-user-account-compromise.md", "2023-04-25-user-account-compromise", "2023-04-25")]
    [InlineData("2023/04-25-user-account-compromise.md", "2023-04-25-user-account-compromise", "2023-04-25")]
    [InlineData("2023-04/25-user-account-compromise.md", "2023-04-25-user-account-compromise", "2023-04-25")]
    [InlineData("testnet/meteor-08Nov2022.md", "meteor-08Nov2022", "2022-11-08")]
    public void The_folder_or_a_date_inside_the_name_gives_the_date(string file, string id, string date)
    {
        var p = Read(file, "# User account compromise\n\nText.\n");

        Assert.Equal(id, p.Id);
        Assert.Equal(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), p.Date);
    }

    // 7. Placeholder headings are not titles.
    [Theory]
    [InlineData("# Title:\nDatabase failover took the site down\n\n## Summary\n\nText.\n", "Database failover took the site down")]
    [InlineData("# Metadata\n\n**Date:** 2024-05-01\n**Severity:** P2\n\n# Database failover took the site down\n\nText.\n", "Database failover took the site down")]
    [InlineData("# ISSUE NAME\n\n## Summary\n\nText.\n", "Db failover")]
    [InlineData("# [Date]: [Title]\n\n## Summary\n\nText.\n", "Db failover")]
    [InlineData("# Summary\n\nText.\n", "Db failover")]
    [InlineData("# 2017-02-09 - JupyterHub db manual overwrite\n\nText.\n", "JupyterHub db manual overwrite")]
    [InlineData("# Incident 001: Lambda retries\n\n**Date:** 2026-06-18\n", "Lambda retries")]
    public void Placeholder_headings_give_no_title(string text, string title)
    {
        var p = Read("db-failover.md", text);

        Assert.Equal(title, p.Title);
    }

    // 8. Metadata written as prose.
    [Fact]
    public void Metadata_sections_and_labelled_lines_are_read()
    {
        var p = Read("outage.md", "# Outage\n\nCreated By: Kari Nordmann\n\n## Summary\n\nText.\n\n## Status\n\nResolved\n\n## Severity\n\nP1\n\n## Reviewers\n\n- Ola\n- Per\n");

        Assert.Equal(["Kari Nordmann"], p.Authors);
        Assert.Equal(["Ola", "Per"], p.Reviewers);
        Assert.Equal("Resolved", p.Status);
        Assert.Equal("P1", p.Severity);
    }

    [Fact]
    public void A_metadata_table_and_linked_names_are_read()
    {
        var p = Read("outage.md", "# January 23rd, 2019 Prow Outage\n\nCreated By: [Katharine Berry](https://github.com/katharine)\nLast Modified: 2019-01-25\n\n| **Date** | 2019-01-23 | **Severity** | `SEV2` |\n|---|---|---|---|\n\n## Summary\n\nText.\n");

        Assert.Equal(["Katharine Berry"], p.Authors);
        Assert.Equal(new DateOnly(2019, 1, 23), p.Date);
        Assert.Equal("SEV2", p.Severity);
        Assert.Equal("January 23rd, 2019 Prow Outage", p.Title);
    }

    [Theory]
    [InlineData("# Hendelsesrapport: Innlogging nede\n", "Innlogging nede")]
    [InlineData("# Störungsbericht – Anmeldung gestört\n", "Anmeldung gestört")]
    [InlineData("# Post-incident review: Checkout outage\n", "Checkout outage")]
    [InlineData("# - [x] a title that starts with a dash\n", "- [x] a title that starts with a dash")]
    public void A_report_prefix_in_other_words_is_not_part_of_the_title(string text, string title) =>
        Assert.Equal(title, Read("a.md", text).Title);

    // Vocabularies.
    [Fact]
    public void Aliases_map_a_teams_words_onto_a_declared_vocabulary()
    {
        var settings = new SiteSettings
        {
            Severities = ["SEV1", "SEV2"],
            SeveritiesDeclared = true,
            SeverityAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Critical"] = "SEV1" },
            Statuses = ["Draft", "Published"],
            StatusAliases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Resolved"] = "Published" },
        };

        var p = Read("a.md", "# A\n\n**Date:** 2025-01-01\n**Severity:** critical\n**Status:** Resolved\n", settings);
        var (bad, diagnostics) = ParseHelper.Parse("b.md", "# B\n\n**Date:** 2025-01-01\n**Severity:** High\n", settings);

        Assert.Equal(("SEV1", "Published"), (p.Severity, p.Status));
        Assert.Null(bad);
        Assert.Equal("unknown-severity", Assert.Single(diagnostics, d => d.Level == DiagnosticLevel.Error).Code);
    }

    [Fact]
    public void An_open_vocabulary_lists_the_most_severe_first()
    {
        var words = new[] { "Low", "critical", "High", "Critical", "SEV2", "sev0", "P3 - minor", "Weird" };
        var postMortems = words.Select((w, i) => Read($"{i}.md", $"# Incident {w}\n\n**Date:** 2025-01-0{i + 1}\n**Severity:** {w}\n")).ToList();

        var knowledgeBase = new KnowledgeBase(new SiteSettings(), postMortems);

        Assert.Equal(["SEV0", "Critical", "High", "SEV2", "P3", "Low", "Weird"], knowledgeBase.Settings.Severities);
        Assert.Equal(2, knowledgeBase.Severities.Single(f => f.Name == "Critical").PostMortems.Count);
    }

    [Fact]
    public void Words_on_no_scale_that_differ_in_case_each_keep_their_post_mortems()
    {
        var postMortems = new[] { "Høy", "høy" }.Select((w, i) => Read($"{i}.md", $"# Incident {i}\n\n**Date:** 2025-01-0{i + 1}\n**Severity:** {w}\n")).ToList();

        var knowledgeBase = new KnowledgeBase(new SiteSettings(), postMortems);

        Assert.Equal(2, knowledgeBase.Severities.Sum(f => f.PostMortems.Count));
        Assert.Equal(2, knowledgeBase.Severities.Select(f => f.Slug).Distinct().Count());
    }
}
