using AngleSharp.Html.Parser;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Dashboards;

/// <summary>Reading lists: an index, and a page per list in the curator's order with summary, severity and "why read this".</summary>
public sealed class ReadingListTests
{
    private static void WriteKnowledgeBase(TempFolder temp, string list)
    {
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", "Pool exhausted", "2025-01-10", "SEV1"));
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2", "Disk full", "2025-03-10", "SEV3"));
        temp.Write("kb/reading-lists/start-here.yml", list);
    }

    [Fact]
    public async Task A_list_page_keeps_the_curators_order_with_summary_severity_and_note()
    {
        using var temp = new TempFolder();
        WriteKnowledgeBase(temp, """
            title: Start here
            description: Two post-mortems for your first week.
            audience: New on-call engineers
            items:
              - id: INC-1
                note: Why we alert at 70% pool use.
              - id: inc-2
                note: Disks fill up <b>quietly</b>.
            """);

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var page = new HtmlParser().ParseDocument(File.ReadAllText(temp.Combine("site", "reading-lists", "start-here", "index.html")));
        var items = page.QuerySelectorAll("ol.reading-list > li");
        Assert.Equal(["INC-1", "INC-2"], items.Select(i => i.QuerySelector("[data-incident-id]")!.GetAttribute("data-incident-id")));
        Assert.Equal("SEV1", items[0].QuerySelector(".badge.severity")!.TextContent);
        Assert.Contains("connection pool was exhausted", items[0].QuerySelector(".card-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Why read this: Disks fill up <b>quietly</b>.", items[1].QuerySelector(".curator-note")!.TextContent);
        Assert.Equal("For: New on-call engineers", page.QuerySelector("main .muted")!.TextContent);

        var index = new HtmlParser().ParseDocument(File.ReadAllText(temp.Combine("site", "reading-lists", "index.html")));
        Assert.Equal("/reading-lists/start-here/", index.QuerySelector(".reading-lists a")!.GetAttribute("href"));
        Assert.Contains("2 post-mortems", index.QuerySelector(".reading-lists")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_id_is_an_error_naming_the_file_and_line()
    {
        using var temp = new TempFolder();
        WriteKnowledgeBase(temp, "title: Start here\nitems:\n  - id: INC-1\n  - id: INC-404\n    note: gone\n");

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        var error = Assert.Single(result.Diagnostics, d => d.Level == DiagnosticLevel.Error);
        Assert.Equal("reading-lists/start-here.yml", error.File);
        Assert.Equal(4, error.Line);
        Assert.Contains("INC-404", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Combine("site")));
    }
}
