using PmSite.Building;
using PmSite.Diagnostics;
using PmSite.Incremental;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Authoring;

/// <summary>An incremental build writes exactly what a clean build of the same input writes, byte for byte.</summary>
public sealed class IncrementalBuildTests
{
    private const string Inc1003 = "post-mortems/2023/INC-1003-checkout-api-connection-leak.md";

    public static TheoryData<string, Action<string>> Edits => new()
    {
        { "a body paragraph", input => Edit(input, Inc1003, "## Lessons Learned\n", "## Lessons Learned\n\nPools need saturation alerts.\n") },
        { "the title", input => Edit(input, Inc1003, "title: \"", "title: \"Renamed: ") },
        { "tags", input => Edit(input, Inc1003, "tags: [", "tags: [brand-new-tag, ") },
        { "a related link", input => Edit(input, Inc1003, "related: [", "related: [INC-1012, ") },
        { "a deleted post-mortem", input => File.Delete(Path.Combine(input, "post-mortems/2026/INC-1014-notification-retry-queue-memory-growth.md")) },
        { "a new post-mortem", input => File.WriteAllText(Path.Combine(input, "post-mortems/2026/INC-1099.md"), SiteFixture.PostMortem("INC-1099", date: "2026-10-01", extra: "tags: [config]")) },
        { "pmsite.yml", input => Edit(input, "pmsite.yml", "title: Northwind Incident Library", "title: Northwind Incidents") },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public async Task A_rebuild_after_one_edit_equals_a_clean_build_of_the_edited_input(string what, Action<string> edit)
    {
        Assert.NotNull(what);
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        var incremental = temp.Combine("incremental");
        var clean = temp.Combine("clean");

        await BuildAsync(input, incremental, new BuildCache());
        edit(input);
        var cache = new BuildCache();
        var b = await BuildAsync(input, incremental, cache);
        await BuildAsync(input, clean, cache: null);

        AssertSameFiles(clean, incremental);
        Assert.True(b.Succeeded);
        if (what != "pmsite.yml")
        {
            // Settings reach every page (the site title is in the layout); anything else leaves most pages as they were.
            Assert.True(cache.LastPages.Reused > cache.LastPages.Rendered, $"{cache.LastPages.Rendered} rendered, {cache.LastPages.Reused} reused");
        }
    }

    [Fact]
    public async Task Editing_one_body_re_renders_that_page_only()
    {
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        var output = temp.Combine("site");
        await BuildAsync(input, output, new BuildCache());

        Edit(input, Inc1003, "## Lessons Learned\n", "## Lessons Learned\n\nPools need saturation alerts.\n");
        var cache = new BuildCache();
        await BuildAsync(input, output, cache);

        Assert.Equal(1, cache.LastPages.Rendered);
        Assert.Contains("Pools need saturation alerts.", File.ReadAllText(Path.Combine(output, "incidents", "inc-1003", "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_serve_session_reuses_parses_and_pages_across_several_edits()
    {
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        var output = temp.Combine("site");
        var session = new BuildCache();
        await BuildAsync(input, output, session);

        foreach (var edit in Edits)
        {
            ((Action<string>)edit[1])(input);
            await BuildAsync(input, output, session);
            await BuildAsync(input, temp.Combine("clean"), cache: null);
            AssertSameFiles(temp.Combine("clean"), output);
        }
    }

    [Fact]
    public async Task A_page_changed_in_the_output_by_hand_is_rendered_again()
    {
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        var output = temp.Combine("site");
        await BuildAsync(input, output, new BuildCache());
        var page = Path.Combine(output, "incidents", "inc-1003", "index.html");
        File.WriteAllText(page, File.ReadAllText(page).Replace("Checkout", "Tampered", StringComparison.Ordinal));

        var cache = new BuildCache();
        await BuildAsync(input, output, cache);
        await BuildAsync(input, temp.Combine("clean"), cache: null);

        AssertSameFiles(temp.Combine("clean"), output);
        Assert.Equal(1, cache.LastPages.Rendered);
    }

    [Fact]
    public async Task A_theme_change_renders_every_page_again()
    {
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        var theme = Copy(Repo.Theme, temp.Combine("theme"));
        var output = temp.Combine("site");
        await BuildAsync(input, output, new BuildCache(), theme);
        Edit(theme, "partials/incident-card.liquid", "\n", "\n<!-- card -->\n");

        var cache = new BuildCache();
        await BuildAsync(input, output, cache, theme);
        await BuildAsync(input, temp.Combine("clean"), null, theme);

        AssertSameFiles(temp.Combine("clean"), output);
        Assert.Equal(0, cache.LastPages.Reused);
    }

    [Fact]
    public async Task A_failed_build_in_between_leaves_the_cache_in_step_with_the_output()
    {
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        var output = temp.Combine("site");
        await BuildAsync(input, output, new BuildCache());
        var original = File.ReadAllText(Path.Combine(input, Inc1003));

        Edit(input, Inc1003, "date: 2023-08-22", "date: 2023-02-30");
        Assert.False((await BuildAsync(input, output, new BuildCache())).Succeeded);
        File.WriteAllText(Path.Combine(input, Inc1003), original.Replace("## Lessons Learned\n", "## Lessons Learned\n\nAgain.\n", StringComparison.Ordinal));
        await BuildAsync(input, output, new BuildCache());
        await BuildAsync(input, temp.Combine("clean"), cache: null);

        AssertSameFiles(temp.Combine("clean"), output);
    }

    [Fact]
    public async Task A_serve_session_writes_its_lint_findings_beside_the_output_for_the_next_build_process()
    {
        using var temp = new TempFolder();
        temp.Write("input/post-mortems/INC-1.md", Lint.LintKit.With("Sarah forgot to check the config."));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };

        await BuildAsync(temp.Combine("input"), output, session);
        // The session writes the store in the background; its next build starts once it is written.
        await BuildAsync(temp.Combine("input"), output, session);

        var store = File.ReadAllText(temp.Combine("site.cache", "lint.json"));
        Assert.Contains("post-mortems/INC-1.md", store, StringComparison.Ordinal);
        Assert.Contains("blame-person", store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_findings_kept_beside_the_output_are_those_a_fresh_lint_gives()
    {
        using var temp = new TempFolder();
        var file = temp.Write("input/post-mortems/INC-1.md", Lint.LintKit.With("Sarah forgot to check the config."));
        temp.Write("input/post-mortems/INC-2.md", Lint.LintKit.With("Nothing else.").Replace("INC-1", "INC-2"));
        var output = temp.Combine("site");

        var first = await BuildAsync(temp.Combine("input"), output, new BuildCache());
        var second = await BuildAsync(temp.Combine("input"), output, new BuildCache());
        File.WriteAllText(file, Lint.LintKit.With("The config check was not on the rollout checklist."));
        var third = await BuildAsync(temp.Combine("input"), output, new BuildCache());

        Assert.True(File.Exists(temp.Combine("site.cache", "lint.json")));
        Assert.Equal("blame-person", Assert.Single(first.Diagnostics, d => d.Level == DiagnosticLevel.Warning).Code);
        Assert.Equal(first.Diagnostics, second.Diagnostics);
        Assert.DoesNotContain(third.Diagnostics, d => d.Level == DiagnosticLevel.Warning);
    }

    [Fact]
    public async Task The_cache_is_kept_beside_the_output_never_inside_it()
    {
        using var temp = new TempFolder();
        var input = CopySample(temp.Combine("input"));
        await BuildAsync(input, temp.Combine("site"), new BuildCache());

        Assert.True(File.Exists(temp.Combine("site.cache", "pages.tsv")));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(temp.Combine("site"), "*", SearchOption.AllDirectories),
            p => p.Contains(".cache", StringComparison.Ordinal) || p.EndsWith(".tsv", StringComparison.Ordinal));
    }

    private static async Task<BuildResult> BuildAsync(string input, string output, BuildCache? cache, string? theme = null)
    {
        var result = await SiteBuild.RunAsync(new BuildOptions
        {
            InputFolder = input,
            OutputFolder = output,
            ThemeFolder = theme ?? Repo.Theme,
            Now = SiteFixture.Now,
            Cache = cache,
        });
        return result;
    }

    private static void AssertSameFiles(string expected, string actual)
    {
        static List<string> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Files(expected), Files(actual));
        foreach (var file in Files(expected))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        }
    }

    internal static string Edit(string root, string file, string find, string replace)
    {
        var path = Path.Combine(root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, text[..at] + replace + text[(at + find.Length)..]);
        return path;
    }

    private static string CopySample(string target) => Copy(Repo.SampleInput, target);

    private static string Copy(string source, string target)
    {
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, path));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(path, destination);
        }

        return target;
    }
}
