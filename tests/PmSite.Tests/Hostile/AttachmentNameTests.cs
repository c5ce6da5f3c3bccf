using AngleSharp.Html.Parser;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>Attachments and PDF copies whose names hold spaces, '#', '?' or '%' are linked under the names they are copied to.</summary>
public sealed class AttachmentNameTests
{
    public static TheoryData<string, string> Names => new()
    {
        // The file's name, and how the post-mortem links to it.
        { "my notes.txt", "my%20notes.txt" },
        { "my notes.txt", "<my notes.txt>" },
        { "report #1.txt", "report%20%231.txt" },
        { "report #1.txt", "<report #1.txt>" },
        { "q?a.txt", "q%3Fa.txt" },
        { "q?a.txt", "<q?a.txt>" },
        { "100%.txt", "100%25.txt" },
        { "a%41.txt", "a%2541.txt" },
        { "50% off #2 ?.txt", "50%25%20off%20%232%20%3F.txt" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public async Task An_attachment_link_leads_to_the_copied_file(string name, string link)
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", body: $"\n## Summary\n\nSee [the attachment]({link}).\n"));
        temp.Write("input/post-mortems/" + name, "attached text");
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("input"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "missing-link");
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(output, "incidents", "inc-1", "index.html")));
        var href = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Single(h => h?.StartsWith("/files/", StringComparison.Ordinal) == true)!;
        AssertLeadsTo(output, href, "files/post-mortems/" + name);
    }

    [Fact]
    public async Task A_pdf_post_mortem_links_to_its_copy_whatever_its_name()
    {
        using var temp = new TempFolder();
        var name = "2024-03-07 outage #4 (50% of traffic).pdf";
        temp.WriteBytes("input/post-mortems/" + name, TestPdf.Make("Queue outage", null, ["Summary", "", "The queue stalled for an hour."]));
        var output = temp.Combine("site");

        var result = await SiteFixture.BuildAsync(temp.Combine("input"), output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var incident = Directory.GetDirectories(Path.Combine(output, "incidents")).Single();
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(incident, "index.html")));
        var href = page.QuerySelector(".original-pdf a")!.GetAttribute("href")!;
        AssertLeadsTo(output, href, "files/post-mortems/" + name);
    }

    [Fact]
    public async Task The_preview_server_serves_an_attachment_at_the_link_the_page_gives()
    {
        using var temp = new TempFolder();
        var names = new[] { "report #1.txt", "100% done.txt", "a%41.txt", "q?a.txt" };
        var links = string.Join(", ", names.Select((n, i) => $"[file {i}]({Uri.EscapeDataString(n)})"));
        temp.Write("input/post-mortems/INC-1.md", SiteFixture.PostMortem("INC-1", body: $"\n## Summary\n\nSee {links}.\n"));
        foreach (var name in names)
        {
            temp.Write("input/post-mortems/" + name, "content of " + name);
        }

        await using var server = new Cli.Serve.PreviewServer(new Cli.Serve.ServeOptions
        {
            InputFolder = temp.Combine("input"),
            ThemeFolder = Repo.Theme,
            OutputFolder = temp.Combine("preview"),
            Port = 0,
            Now = SiteFixture.Now,
        }, new StringWriter(), new StringWriter());
        await server.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(90) };

        var page = new HtmlParser().ParseDocument(await http.GetStringAsync("incidents/inc-1/"));
        var hrefs = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).Where(h => h.StartsWith("/files/", StringComparison.Ordinal)).ToList();

        Assert.Equal(names.Length, hrefs.Count);
        for (var i = 0; i < names.Length; i++)
        {
            Assert.Equal("content of " + names[i], await http.GetStringAsync(new Uri(http.BaseAddress, hrefs[i])));
        }
    }

    /// <summary>The link, as a browser reads it (no fragment or query in it, decoded once), names the file that was written.</summary>
    private static void AssertLeadsTo(string output, string href, string expected)
    {
        Assert.DoesNotContain('#', href);
        Assert.DoesNotContain('?', href);
        Assert.DoesNotContain(' ', href);
        var path = Uri.UnescapeDataString(href.TrimStart('/'));
        Assert.Equal(expected, path);
        Assert.True(File.Exists(Path.Combine(output, path)), $"{href} leads to no file");
    }
}
