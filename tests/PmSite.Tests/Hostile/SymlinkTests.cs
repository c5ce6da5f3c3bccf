using System.Text;
using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// Symbolic links in the input folder: one whose real path lies outside it is never followed — a warning naming the link,
/// nothing read — while links that stay inside are read as the files they lead to; a loop is a warning, not a hang or a crash.
/// </summary>
public sealed class SymlinkTests
{
    private const string Secret = "SECRET-OUTSIDE-THE-INPUT";

    [Fact]
    public async Task Files_and_folders_linked_from_outside_the_input_are_skipped_with_a_warning_and_never_read()
    {
        using var temp = new TempFolder();
        temp.Write("outside/leak.md", SiteFixture.PostMortem("INC-900", title: Secret + " title", body: "\n## Summary\n\n" + Secret + " body\n"));
        temp.Write("outside/folder/INC-901.md", SiteFixture.PostMortem("INC-901", title: Secret + " folder"));
        temp.Write("outside/list.yml", "title: " + Secret + "\nitems: [INC-1]\n");
        temp.Write("outside/about.md", "# " + Secret + "\n\nText.\n");
        temp.Write("outside/pmsite.yml", "title: " + Secret + "\n");
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        Directory.CreateDirectory(temp.Combine("kb", "reading-lists"));
        Directory.CreateDirectory(temp.Combine("kb", "pages"));
        File.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "leak.md"), temp.Combine("outside", "leak.md"));
        File.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "passwd.md"), "/etc/passwd");
        Directory.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "shared"), temp.Combine("outside", "folder"));
        // A relative link that climbs out, as a checked-out repository would hold it.
        File.CreateSymbolicLink(temp.Combine("kb", "reading-lists", "list.yml"), Path.Combine("..", "..", "outside", "list.yml"));
        File.CreateSymbolicLink(temp.Combine("kb", "pages", "about.md"), temp.Combine("outside", "about.md"));
        File.CreateSymbolicLink(temp.Combine("kb", "pmsite.yml"), temp.Combine("outside", "pmsite.yml"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(1, result.PostMortems);
        var warnings = result.Diagnostics.Where(d => d.Code == "symlink-outside").ToList();
        Assert.All(warnings, w => Assert.Equal(DiagnosticLevel.Warning, w.Level));
        Assert.Equal(
            ["pages/about.md", "pmsite.yml", "post-mortems/leak.md", "post-mortems/passwd.md", "post-mortems/shared", "reading-lists/list.yml"],
            warnings.Select(w => w.File).Order(StringComparer.Ordinal));
        AssertNotPublished(temp.Combine("site"), Secret, "root:x:0:0");
    }

    [Fact]
    public async Task A_knowledge_base_folder_linked_from_outside_is_not_read()
    {
        using var temp = new TempFolder();
        temp.Write("outside/pms/INC-900.md", SiteFixture.PostMortem("INC-900", title: Secret));
        temp.Write("outside/lists/list.yml", "title: " + Secret + "\nitems: [INC-900]\n");
        temp.Write("kb/README.md", "# Knowledge base\n");
        Directory.CreateDirectory(temp.Combine("kb"));
        Directory.CreateSymbolicLink(temp.Combine("kb", "post-mortems"), temp.Combine("outside", "pms"));
        Directory.CreateSymbolicLink(temp.Combine("kb", "reading-lists"), temp.Combine("outside", "lists"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.Equal(0, result.PostMortems);
        Assert.Equal(
            ["post-mortems", "reading-lists"],
            result.Diagnostics.Where(d => d.Code == "symlink-outside").Select(d => d.File).Order(StringComparer.Ordinal));
        AssertNotPublished(temp.Combine("site"), Secret);
        Assert.False(Directory.Exists(temp.Combine("site", "reading-lists")));
    }

    [Fact]
    public async Task Links_that_stay_inside_the_input_are_read_as_their_targets()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        temp.Write("kb/drafts/inc-2.md", SiteFixture.PostMortem("INC-2", title: "Cache stampede after deploy"));
        temp.Write("kb/shared-lists/core.yml", "title: Core reading\nitems: [INC-1, INC-2]\n");
        File.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "inc-2.md"), Path.Combine("..", "drafts", "inc-2.md"));
        Directory.CreateSymbolicLink(temp.Combine("kb", "reading-lists"), temp.Combine("kb", "shared-lists"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.PostMortems);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("symlink", StringComparison.Ordinal));
        Assert.Contains("Cache stampede after deploy", File.ReadAllText(temp.Combine("site", "incidents", "inc-2", "index.html")), StringComparison.Ordinal);
        Assert.True(Directory.Exists(temp.Combine("site", "reading-lists")));
    }

    [Fact]
    public async Task A_symlink_loop_is_a_one_line_warning_not_a_hang_or_a_crash()
    {
        using var temp = new TempFolder();
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        Directory.CreateDirectory(temp.Combine("kb", "post-mortems", "2025"));
        temp.Write("kb/post-mortems/2025/inc-2.md", SiteFixture.PostMortem("INC-2"));
        Directory.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "2025", "again"), temp.Combine("kb", "post-mortems"));
        File.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "a.md"), temp.Combine("kb", "post-mortems", "b.md"));
        File.CreateSymbolicLink(temp.Combine("kb", "post-mortems", "b.md"), temp.Combine("kb", "post-mortems", "a.md"));

        var result = await SiteFixture.BuildAsync(temp.Combine("kb"), temp.Combine("site"));

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.Equal(2, result.PostMortems);
        var loops = result.Diagnostics.Where(d => d.Code == "symlink-loop").ToList();
        Assert.Equal(["post-mortems/2025/again", "post-mortems/a.md", "post-mortems/b.md"], loops.Select(d => d.File).Order(StringComparer.Ordinal));
        Assert.All(loops, d => Assert.DoesNotContain('\n', d.Message));
    }

    private static void AssertNotPublished(string site, params string[] secrets)
    {
        foreach (var file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories))
        {
            var text = Encoding.UTF8.GetString(File.ReadAllBytes(file));
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{secret} in {file}");
            }
        }
    }
}
