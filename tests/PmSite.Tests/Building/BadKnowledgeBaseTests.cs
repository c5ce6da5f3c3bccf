using PmSite.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

/// <summary>Broken files: every problem reported with its file, exit code 1, and the previous site left as it was.</summary>
public sealed class BadKnowledgeBaseTests
{
    [Fact]
    public async Task A_broken_knowledge_base_reports_every_file_and_leaves_the_previous_output_untouched()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("kb");
        var output = temp.Combine("site");
        temp.Write("kb/pmsite.yml", "severities: [SEV1, SEV2, SEV3]\n");
        temp.Write("kb/post-mortems/good.md", SiteFixture.PostMortem("INC-1"));
        var good = await SiteFixture.BuildAsync(input, output);
        Assert.True(good.Succeeded, string.Join("\n", good.Diagnostics));
        var before = Snapshot(output);

        temp.Write("kb/post-mortems/bad-yaml.md", "---\nid: INC-2\ntitle: a: b\ndate: 2025-01-01\nseverity: SEV1\n---\nbody\n");
        temp.Write("kb/post-mortems/dup-a.md", SiteFixture.PostMortem("INC-3"));
        temp.Write("kb/post-mortems/dup-b.md", SiteFixture.PostMortem("INC-3"));
        temp.Write("kb/post-mortems/unknown-severity.md", SiteFixture.PostMortem("INC-4", severity: "SEV7"));
        temp.Write("kb/post-mortems/invalid-date.md", SiteFixture.PostMortem("INC-5", date: "2025-02-30"));
        temp.WriteBytes("kb/post-mortems/binary.md", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00]);
        temp.Write("kb/post-mortems/broken-link.md", SiteFixture.PostMortem("INC-6", body: "\n## Summary\n\nSee [the runbook](runbooks/missing.md).\n"));

        var exit = PmSite.Cli.Program.Run(
            ["build", "--input", input, "--output", output, "--theme", Repo.Theme, "--now", "2026-01-31"], TextWriter.Null, new StringWriter());
        var result = await SiteFixture.BuildAsync(input, output);

        Assert.Equal(1, exit);
        var errors = result.Diagnostics.Where(d => d.Level == DiagnosticLevel.Error).ToList();
        var expected = new Dictionary<string, (string Code, int Line)>
        {
            ["post-mortems/bad-yaml.md"] = ("yaml", 3),
            ["post-mortems/dup-a.md"] = ("duplicate-id", 2),
            ["post-mortems/dup-b.md"] = ("duplicate-id", 2),
            ["post-mortems/unknown-severity.md"] = ("unknown-severity", 5),
            ["post-mortems/invalid-date.md"] = ("invalid-date", 4),
            ["post-mortems/binary.md"] = ("binary-file", 3), // the NUL byte follows two line feeds of the PNG signature
        };
        Assert.True(expected.Count == errors.Count, string.Join("\n", errors));
        foreach (var (file, (code, line)) in expected)
        {
            var error = Assert.Single(errors, e => e.File == file);
            Assert.Equal(code, error.Code);
            Assert.Equal(line, error.Line);
        }

        // A link to a missing file is a warning, not an error: the page is built with the link shown as inert text.
        var missing = Assert.Single(result.Diagnostics, d => d.File == "post-mortems/broken-link.md" && d.Code.Contains("link", StringComparison.Ordinal));
        Assert.Equal((DiagnosticLevel.Warning, "missing-link", 11), (missing.Level, missing.Code, missing.Line));
        Assert.Equal(before, Snapshot(output));
        Assert.DoesNotContain(Directory.GetDirectories(temp.Path).Select(Path.GetFileName), name => name!.StartsWith("site.building-", StringComparison.Ordinal) || name.StartsWith("site.previous-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Markup_in_a_title_or_tag_is_escaped_and_cannot_reach_outside_the_site()
    {
        using var temp = new TempFolder();
        var input = temp.Combine("kb");
        var output = temp.Combine("site");
        temp.Write("kb/post-mortems/xss.md", SiteFixture.PostMortem("INC-7",
            title: "\"<script>alert(1)</script> & friends\"",
            extra: "tags: [\"<img src=x onerror=alert(1)>\", \"../../escape\"]\nservices: [\"a/../../b\"]",
            body: "\n## Summary\n\n<script>alert(2)</script>\n\nA [click](javascript:alert(3)) and an <img src=x onerror=alert(4)>.\n"));

        var result = await SiteFixture.BuildAsync(input, output);

        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        foreach (var file in Directory.GetFiles(output, "*", SearchOption.AllDirectories))
        {
            Assert.StartsWith(output, Path.GetFullPath(file), StringComparison.Ordinal);
            var text = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("<script>alert", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<img src=x", text, StringComparison.Ordinal);
            Assert.DoesNotContain("href=\"javascript:", text, StringComparison.Ordinal);
        }

        var page = await File.ReadAllTextAsync(Path.Combine(output, "incidents", "inc-7", "index.html"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends", page, StringComparison.Ordinal);
        Assert.Contains(">click<span class=\"visually-hidden\"> (not a link)</span></span>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(4)&gt;", page, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "tags", "img-src-x-onerror-alert-1", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "tags", "escape", "index.html")));
        Assert.True(File.Exists(Path.Combine(output, "services", "a-b", "index.html")));
    }

    internal static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
}
