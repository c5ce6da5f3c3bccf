using PmSite.Diagnostics;
using PmSite.Rendering;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>
/// Links in folders teams already have: a link to a file that is not there, or outside the input folder, is a warning and
/// inert text marked as missing, and nothing outside the input folder is read or copied; a bare host name is a web link.
/// </summary>
public sealed class LinkTests
{
    private static readonly byte[] s_secret = "SECRET-OUTSIDE-THE-INPUT"u8.ToArray();

    private static string Body(string text) => $"\n## Summary\n\n{text}\n";

    [Fact]
    public async Task A_link_or_image_to_a_missing_file_is_a_warning_and_inert_marked_text()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body("See [the runbook](./nope.md).\n\n![graph](img/missing.png)")));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warnings = result.Diagnostics.Where(d => d.Code == "missing-link").OrderBy(d => d.Line).ToList();
        Assert.Equal(2, warnings.Count);
        Assert.All(warnings, w => Assert.Equal((DiagnosticLevel.Warning, "post-mortems/inc-1.md"), (w.Level, w.File)));
        Assert.Equal([11, 13], warnings.Select(w => w.Line));
        Assert.Contains("./nope.md", warnings[0].Message, StringComparison.Ordinal);
        var page = File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html"));
        Assert.Contains("<span class=\"link-missing\" title=\"Missing: ./nope.md is not in the input folder\">the runbook<span class=\"visually-hidden\"> (missing link)</span></span>", page, StringComparison.Ordinal);
        Assert.Contains("<span class=\"link-missing\" title=\"Missing: img/missing.png is not in the input folder\">graph<span class=\"visually-hidden\"> (missing image)</span></span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("nope.md\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=\"img/missing.png", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_no_file_system_accepts_is_missing_not_a_crash()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body("[nul](a%00b.png) [long](" + new string('x', 5000) + ".png)")));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.Diagnostics.Count(d => d.Code == "missing-link"));
    }

    [Fact]
    public async Task A_link_that_leaves_the_input_folder_is_a_warning_and_nothing_outside_is_copied()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("_static/images/build-pods.png", s_secret);
        temp.WriteBytes("outside/notes.txt", s_secret);
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body(
            "![graph](../../_static/images/build-pods.png)\n\n[passwords](/etc/passwd)\n\n[notes](../../outside/notes.txt)\n\n[escape](../../../../../../../etc/hostname)")));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var warnings = result.Diagnostics.Where(d => d.Code == "outside-link").ToList();
        Assert.Equal(4, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(DiagnosticLevel.Warning, w.Level));
        Assert.Equal([11, 13, 15, 17], warnings.Select(w => w.Line).Order());
        var page = File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html"));
        Assert.Contains(">graph<span class=\"visually-hidden\"> (missing image)</span></span>", page, StringComparison.Ordinal);
        Assert.Contains(">passwords<span class=\"visually-hidden\"> (missing link)</span></span>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/etc/passwd\"", page, StringComparison.Ordinal);
        AssertNothingCopiedFromOutside(temp.Combine("site"));
    }

    [Fact]
    public async Task A_symbolic_link_that_leads_outside_the_input_folder_is_not_followed()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("outside/leak.png", s_secret);
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body("![leak](img/leak.png)\n\n[folder](shared/leak.png)")));
        Directory.CreateDirectory(temp.Combine("kb", "post-mortems", "img"));
        File.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "img", "leak.png"), temp.Combine("outside", "leak.png"));
        Directory.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "shared"), temp.Combine("outside"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal([11, 13], result.Diagnostics.Where(d => d.Code == "outside-link").Select(d => d.Line).Order());
        AssertNothingCopiedFromOutside(temp.Combine("site"));
    }

    [Fact]
    public async Task Files_inside_the_input_folder_are_still_copied_and_linked()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("kb/post-mortems/img/graph.png", [1, 2, 3]);
        temp.Write("kb/post-mortems/run.sh", "echo hi\n");
        temp.Write("kb/post-mortems/config.yaml", "a: 1\n");
        temp.Write("kb/images/shared.png", "png");
        temp.Write("kb/post-mortems/inc-2.md", SiteFixture.PostMortem("INC-2"));
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body(
            "![graph](img/graph.png) [script](run.sh) [config](config.yaml) ![shared](../images/shared.png) [other](inc-2.md#timeline)")));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.DoesNotContain(result.Diagnostics, d => d.Code is "missing-link" or "outside-link" or "bare-host-link");
        var page = File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html"));
        Assert.Contains("src=\"/files/post-mortems/img/graph.png\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/files/post-mortems/run.sh\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/files/post-mortems/config.yaml\"", page, StringComparison.Ordinal);
        Assert.Contains("src=\"/files/images/shared.png\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/incidents/inc-2/#timeline\"", page, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.Combine("site", "files", "images", "shared.png")));
        Assert.DoesNotContain("link-missing\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_host_name_as_a_link_is_a_web_link_with_a_warning()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body(
            "[Prow](prow.example.io) and [docs](www.example.com/path?x=1) and [repo](github.com/org/repo) and [notes](notes.md)")));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var page = File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html"));
        Assert.Contains("<a href=\"https://prow.example.io\">Prow</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://www.example.com/path?x=1\">docs</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://github.com/org/repo\">repo</a>", page, StringComparison.Ordinal);
        var warnings = result.Diagnostics.Where(d => d.Code == "bare-host-link").ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.Equal((DiagnosticLevel.Warning, 11), (w.Level, w.Line)));
        Assert.Contains(warnings, w => w.Message.Contains("https://prow.example.io", StringComparison.Ordinal));
        // notes.md is a file name, not a host: missing, not a web link.
        Assert.Single(result.Diagnostics, d => d.Code == "missing-link" && d.Message.Contains("notes.md", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_whose_name_looks_like_a_host_is_a_file()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/example.com", "zone file\n");
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1", body: Body("[zone](example.com)")));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.DoesNotContain(result.Diagnostics, d => d.Code == "bare-host-link");
        Assert.Contains("href=\"/files/post-mortems/example.com\"", File.ReadAllText(temp.Combine("site", "incidents", "inc-1", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Links_of_extra_pages_follow_the_same_rules()
    {
        using var temp = new TempFolder();
        temp.WriteBytes("outside/notes.txt", s_secret);
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        temp.Write("kb/pages/how-to.md", "# How to\n\nWrite.\n");
        temp.Write("kb/pages/about.md", "# About\n\nSee [how](how-to.md#start) and [Prow](prow.example.io).\n\n[gone](gone.md) [notes](../../outside/notes.txt)\n");

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        var page = File.ReadAllText(temp.Combine("site", "about", "index.html"));
        Assert.Contains("<a href=\"/how-to/#start\">how</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://prow.example.io\">Prow</a>", page, StringComparison.Ordinal);
        Assert.Contains(">gone<span class=\"visually-hidden\"> (missing link)</span></span>", page, StringComparison.Ordinal);
        Assert.Contains(">notes<span class=\"visually-hidden\"> (missing link)</span></span>", page, StringComparison.Ordinal);
        var found = result.Diagnostics.Where(d => d.File == "pages/about.md").Select(d => (d.Level, d.Code, d.Line)).Order().ToList();
        Assert.Equal(
            [(DiagnosticLevel.Warning, "bare-host-link", 3), (DiagnosticLevel.Warning, "missing-link", 5), (DiagnosticLevel.Warning, "outside-link", 5)],
            found);
        AssertNothingCopiedFromOutside(temp.Combine("site"));
    }

    [Theory]
    [InlineData("prow.example.io", "https://prow.example.io")]
    [InlineData("www.example.com/path", "https://www.example.com/path")]
    [InlineData("github.com/org/repo", "https://github.com/org/repo")]
    [InlineData("grafana.internal.acme.net:3000/d/x", "https://grafana.internal.acme.net:3000/d/x")]
    [InlineData("example.co.uk", "https://example.co.uk")]
    [InlineData("notes.md", null)]
    [InlineData("image.png", null)]
    [InlineData("run.sh", null)]
    [InlineData("config.yaml", null)]
    [InlineData("app.py", null)]
    [InlineData("docs/setup.md", null)]
    [InlineData("./prow.example.io", null)]
    [InlineData("../prow.example.io", null)]
    [InlineData("localhost", null)]
    [InlineData("v1.2", null)]
    [InlineData("report.pdf", null)]
    [InlineData("archive.tar.gz", null)]
    [InlineData("prow.example.io/logs/build.log", "https://prow.example.io/logs/build.log")]
    public void A_target_is_a_bare_host_only_when_its_first_segment_ends_in_a_top_level_domain(string target, string? url) =>
        Assert.Equal(url, BareHost.UrlOf(target));

    private static void AssertNothingCopiedFromOutside(string site)
    {
        foreach (var file in Directory.GetFiles(site, "*", SearchOption.AllDirectories))
        {
            Assert.False(File.ReadAllBytes(file).AsSpan().IndexOf(s_secret) >= 0, file);
        }
    }
}
