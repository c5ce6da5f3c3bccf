using System.Text.Json;
using AngleSharp.Html.Parser;
using PmSite.Building;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>A folder with PDF post-mortems beside its Markdown gives a complete site: the PDFs listed, searchable, related, linked.</summary>
public sealed class PdfPostMortemBuildTests
{
    private const string PdfId = "2024-03-07-broker-outage";

    private static readonly string[] s_report =
    [
        "Kafka broker outage",
        "",
        "Message brokers rejected writes after a zookeeper quorum splitbrain left the ensemble flapping.",
        "",
        "Root Cause",
        "",
        "A zookeeper quorum splitbrain: the ensemble kept flapping between leaders during the xylophonic rebalance.",
    ];

    private const string MarkdownBody = """

        ## Executive Summary

        Writes failed after a zookeeper quorum splitbrain left the ensemble flapping.

        ## Root Cause Analysis

        A zookeeper quorum splitbrain: the ensemble kept flapping between leaders.
        """;

    /// <summary>A knowledge base of two Markdown post-mortems, one PDF report related to the first and one broken PDF.</summary>
    private static string KnowledgeBase(TempFolder temp, string visibility = "internal")
    {
        temp.Write("kb/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", title: "Writes failed during a coordination outage",
            extra: $"visibility: {visibility}", body: MarkdownBody));
        temp.Write("kb/post-mortems/INC-2.md", SiteFixture.PostMortem("INC-2", extra: $"visibility: {visibility}"));
        temp.WriteBytes($"kb/post-mortems/{PdfId}.pdf", TestPdf.Lines("Kafka broker outage", s_report));
        var broken = new byte[2048];
        new Random(3).NextBytes(broken);
        temp.WriteBytes("kb/post-mortems/broken.pdf", broken);
        return temp.Combine("kb");
    }

    [Fact]
    public async Task A_pdf_post_mortem_gets_a_page_linking_to_its_copied_pdf_and_a_broken_one_is_a_warning()
    {
        using var temp = new TempFolder();
        var input = KnowledgeBase(temp);
        var output = temp.Combine("site");

        var exit = PmSite.Cli.Program.Run(
            ["build", "--input", input, "--output", output, "--theme", Repo.Theme, "--now", "2026-01-31"], TextWriter.Null, new StringWriter());
        var result = await SiteFixture.BuildAsync(input, temp.Combine("site2"));

        Assert.Equal(0, exit);
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Contains(result.Diagnostics, d => d.Level == DiagnosticLevel.Warning && d.Code == "unreadable-pdf" && d.File == "post-mortems/broken.pdf");
        Assert.False(Directory.Exists(Path.Combine(output, "incidents", "broken")));

        var html = await File.ReadAllTextAsync(Path.Combine(output, "incidents", PdfId, "index.html"));
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("Kafka broker outage", page.QuerySelector("h1")?.TextContent);
        Assert.Equal("2024-03-07", page.QuerySelector(".incident-header time")?.GetAttribute("datetime"));
        Assert.Contains("xylophonic", page.QuerySelector(".prose")?.TextContent, StringComparison.Ordinal);
        var link = page.QuerySelectorAll("a").Single(a => a.TextContent == "Read the original PDF");
        Assert.Equal($"/files/post-mortems/{PdfId}.pdf", link.GetAttribute("href"));
        Assert.Equal(
            await File.ReadAllBytesAsync(Path.Combine(input, "post-mortems", $"{PdfId}.pdf")),
            await File.ReadAllBytesAsync(Path.Combine(output, "files", "post-mortems", $"{PdfId}.pdf")));
        Assert.Contains(PdfId, await File.ReadAllTextAsync(Path.Combine(output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Search_finds_a_pdf_post_mortem_by_a_word_only_its_text_has()
    {
        using var temp = new TempFolder();
        var input = KnowledgeBase(temp);

        var stdout = new StringWriter();
        var code = PmSite.Cli.Program.Run(["search", "xylophonic", "--input", input, "--json"], stdout, new StringWriter());

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        var hit = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(PdfId, hit.GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_pdf_post_mortem_is_a_related_incident_of_a_markdown_one_about_the_same_problem()
    {
        using var temp = new TempFolder();
        var input = KnowledgeBase(temp);
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(input, output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var page = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(Path.Combine(output, "incidents", "inc-1", "index.html")));
        var related = page.QuerySelectorAll("#related-incidents a[data-incident-id]").Select(a => a.GetAttribute("data-incident-id")).ToList();
        Assert.Contains(PdfId, related);
        Assert.DoesNotContain("INC-2", related);
    }

    [Fact]
    public async Task The_public_edition_has_no_pdf_post_mortem_nor_its_pdf()
    {
        using var temp = new TempFolder();
        var input = KnowledgeBase(temp, visibility: "public");
        var output = temp.Combine("public");

        var result = await SiteBuild.RunAsync(new BuildOptions
        {
            InputFolder = input,
            OutputFolder = output,
            ThemeFolder = Repo.Theme,
            Now = SiteFixture.Now,
            Public = true,
        });

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.True(File.Exists(Path.Combine(output, "incidents", "inc-1", "index.html")));
        Assert.Empty(Directory.GetFiles(output, "*.pdf", SearchOption.AllDirectories));
        foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("broker-outage", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("xylophonic", text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
