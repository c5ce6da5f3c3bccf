using PmSite.Building;
using PmSite.Incremental;
using PmSite.Rendering;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Authoring;

/// <summary>
/// The rebuilds of a <c>pmsite serve</c> session: one <see cref="BuildCache"/> for the whole session, the output updated in
/// place and analyses kept in memory. After every edit the output is what a clean build of the same input writes, file
/// for file and byte for byte, and a build that fails changes nothing in it.
/// </summary>
public sealed class ServeSessionTests
{
    private const string Inc1003 = "post-mortems/2023/INC-1003-checkout-api-connection-leak.md";
    private const string Inc1014 = "post-mortems/2026/INC-1014-notification-retry-queue-memory-growth.md";

    /// <summary>Edits in the order a session applies them; each one builds on the ones before.</summary>
    public static IEnumerable<(string What, Action<string> Edit)> SessionEdits() =>
    [
        ("a lesson (no similarity term changes)", input => Edit(input, Inc1003, "## Lessons Learned\n", "## Lessons Learned\n\nPools need saturation alerts.\n")),
        ("the root cause (similarity terms change)", input => Edit(input, Inc1003, "## Root Cause Analysis\n", "## Root Cause Analysis\n\nA retry storm leaked pooled connections from the promo-code repository.\n")),
        ("blank lines above the action items (their lines move)", input => Edit(input, Inc1003, "## Executive Summary\n", "## Executive Summary\n\n\n\n")),
        ("an action item's status", input => Edit(input, Inc1003, "| 2023-10-13 | Done |", "| 2023-10-13 | In Progress |")),
        ("the severity (severity pages, metrics counts)", input => Edit(input, Inc1003, "severity: SEV1", "severity: SEV2")),
        ("the date (year pages, metrics months and quarters)", input => Edit(input, Inc1003, "date: 2023-08-22", "date: 2023-11-02")),
        ("the detection time (metrics time to detect)", input => Edit(input, Inc1003, "detected: 2023-08-22T14:06:00Z", "detected: 2023-08-22T14:36:00Z")),
        ("near miss", input => Edit(input, Inc1003, "near_miss: false", "near_miss: true")),
        ("the root cause to a non-answer (metrics root causes)", input => Edit(input, Inc1003, "## Root Cause Analysis\n", "## Root Cause\n\nTBD\n\n## Analysis\n")),
        ("the title", input => Edit(input, Inc1003, "title: \"", "title: \"Renamed: ")),
        ("tags", input => Edit(input, Inc1003, "tags: [", "tags: [brand-new-tag, ")),
        ("a related link", input => Edit(input, Inc1003, "related: [", "related: [INC-1012, ")),
        ("a new post-mortem", input => File.WriteAllText(Path.Combine(input, "post-mortems/2026/INC-1099.md"),
            SiteFixture.PostMortem("INC-1099", date: "2026-10-01", extra: "tags: [brand-new-tag, config]"))),
        ("a deleted post-mortem", input => File.Delete(Path.Combine(input, Inc1014))),
        ("the new post-mortem deleted again", input => File.Delete(Path.Combine(input, "post-mortems/2026/INC-1099.md"))),
        ("pmsite.yml", input => Edit(input, "pmsite.yml", "title: Northwind Incident Library", "title: Northwind Incidents")),
    ];

    [Fact]
    public async Task Every_rebuild_of_a_session_equals_a_clean_build_of_the_same_input()
    {
        using var temp = new TempFolder();
        var input = Copy(Repo.SampleInput, temp.Combine("input"));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };
        Assert.True((await BuildAsync(input, output, session)).Succeeded);

        foreach (var (what, edit) in SessionEdits())
        {
            edit(input);
            var rebuilt = await BuildAsync(input, output, session);
            Assert.True(rebuilt.Succeeded, what);
            var clean = temp.Combine("clean-" + Guid.NewGuid().ToString("N"));
            Assert.True((await BuildAsync(input, clean, cache: null)).Succeeded, what);
            AssertSameFiles(clean, output, what);
            AssertNothingLeftBeside(output);
        }
    }

    [Fact]
    public async Task A_rebuild_leaves_unchanged_files_where_they_are()
    {
        using var temp = new TempFolder();
        var input = Copy(Repo.SampleInput, temp.Combine("input"));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };
        await BuildAsync(input, output, session);
        var untouched = Path.Combine(output, "incidents", "inc-1001", "index.html");
        var written = File.GetLastWriteTimeUtc(untouched);
        var edited = Path.Combine(output, "incidents", "inc-1003", "index.html");

        Edit(input, Inc1003, "## Lessons Learned\n", "## Lessons Learned\n\nPools need saturation alerts.\n");
        await BuildAsync(input, output, session);

        Assert.Equal(written, File.GetLastWriteTimeUtc(untouched));
        Assert.Contains("Pools need saturation alerts.", File.ReadAllText(edited), StringComparison.Ordinal);
        Assert.Equal(1, session.LastPages.Rendered);
    }

    [Fact]
    public async Task Action_items_moved_down_by_an_edit_above_them_leave_the_dashboard_as_it_was()
    {
        using var temp = new TempFolder();
        var input = Copy(Repo.SampleInput, temp.Combine("input"));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };
        await BuildAsync(input, output, session);

        // Blank lines move every action item of the post-mortem down and change nothing shown: only its own page is made again.
        Edit(input, Inc1003, "## Executive Summary\n", "## Executive Summary\n\n\n\n");
        Assert.True((await BuildAsync(input, output, session)).Succeeded);

        Assert.Equal(1, session.LastPages.Rendered);
    }

    [Fact]
    public async Task An_edit_the_dashboards_and_facet_pages_do_not_show_leaves_them_and_their_hashes_as_they_were()
    {
        using var temp = new TempFolder();
        var input = Copy(Repo.SampleInput, temp.Combine("input"));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };
        await BuildAsync(input, output, session);
        var facetPages = session.Views!.FacetPages;
        var shown = new[] { "metrics", "action-items", "tags", "services", "severity", "years" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(output, folder), "*", SearchOption.AllDirectories))
            .ToDictionary(path => path, File.GetLastWriteTimeUtc);

        Edit(input, Inc1003, "## Lessons Learned\n", "## Lessons Learned\n\nPools need saturation alerts.\n");
        Assert.True((await BuildAsync(input, output, session)).Succeeded);

        Assert.All(shown, file => Assert.Equal(file.Value, File.GetLastWriteTimeUtc(file.Key)));
        // A facet page without INC-1003 keeps its entry; one with it is hashed again from the new parse, to the same hash.
        Assert.Equal(facetPages.Keys.Order(StringComparer.Ordinal), session.Views!.FacetPages.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(facetPages.Values, page => page.PostMortems.Any(p => p.Id == "INC-1003"));
        foreach (var (path, before) in facetPages)
        {
            var after = session.Views.FacetPages[path];
            if (before.PostMortems.Any(p => p.Id == "INC-1003"))
            {
                Assert.NotSame(before, after);
                Assert.Equal(before.Hash, after.Hash);
            }
            else
            {
                Assert.Same(before, after);
            }
        }
    }

    [Fact]
    public async Task A_rebuild_with_a_broken_file_changes_nothing_in_the_output()
    {
        using var temp = new TempFolder();
        var input = Copy(Repo.SampleInput, temp.Combine("input"));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };
        await BuildAsync(input, output, session);
        // A valid edit alongside the broken one: nothing of it may show either.
        Edit(input, Inc1003, "## Lessons Learned\n", "## Lessons Learned\n\nPools need saturation alerts.\n");
        var before = Snapshot(output);

        var broken = Edit(input, "post-mortems/2024/INC-1005-payment-worker-kafka-rebalance-storm.md", "date: ", "date: 2024-02-30 # ");
        var failed = await BuildAsync(input, output, session);

        Assert.False(failed.Succeeded);
        Assert.Equal(before, Snapshot(output));
        AssertNothingLeftBeside(output);

        // Once fixed, the session carries on as if the failure never happened.
        File.WriteAllText(broken, File.ReadAllText(Path.Combine(Repo.SampleInput, "post-mortems/2024/INC-1005-payment-worker-kafka-rebalance-storm.md")));
        Assert.True((await BuildAsync(input, output, session)).Succeeded);
        await BuildAsync(input, temp.Combine("clean"), cache: null);
        AssertSameFiles(temp.Combine("clean"), output, "after the fix");
    }

    [Fact]
    public async Task A_rebuild_with_a_broken_theme_changes_nothing_in_the_output()
    {
        using var temp = new TempFolder();
        var input = Copy(Repo.SampleInput, temp.Combine("input"));
        var theme = Copy(Repo.Theme, temp.Combine("theme"));
        var output = temp.Combine("site");
        var session = new BuildCache { Session = true };
        await BuildAsync(input, output, session, theme);
        var before = Snapshot(output);
        var template = Path.Combine(theme, "partials", "incident-card.liquid");
        var original = File.ReadAllText(template);

        File.WriteAllText(template, "{{ incident.title ");
        await Assert.ThrowsAsync<ThemeException>(() => BuildAsync(input, output, session, theme));

        Assert.Equal(before, Snapshot(output));
        AssertNothingLeftBeside(output);

        File.WriteAllText(template, original + "\n<!-- card -->\n");
        Assert.True((await BuildAsync(input, output, session, theme)).Succeeded);
        await BuildAsync(input, temp.Combine("clean"), null, theme);
        AssertSameFiles(temp.Combine("clean"), output, "after the theme was fixed");
    }

    private static async Task<BuildResult> BuildAsync(string input, string output, BuildCache? cache, string? theme = null) =>
        await SiteBuild.RunAsync(new BuildOptions
        {
            InputFolder = input,
            OutputFolder = output,
            ThemeFolder = theme ?? Repo.Theme,
            Now = SiteFixture.Now,
            Cache = cache,
        });

    private static void AssertSameFiles(string expected, string actual, string what)
    {
        static List<string> Files(string root) => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Files(expected), Files(actual));
        foreach (var file in Files(expected))
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"after {what}: {file} differs");
        }

        // No folder a clean build would not make (an incident page's, left empty by a deletion).
        static List<string> Folders(string root) => Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(root, p)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Folders(expected), Folders(actual));
    }

    /// <summary>No staging or set-aside folder is left beside the output.</summary>
    private static void AssertNothingLeftBeside(string output)
    {
        var name = Path.GetFileName(output);
        var beside = Directory.EnumerateDirectories(Path.GetDirectoryName(output)!, name + ".*")
            .Select(Path.GetFileName)
            .Where(n => n != name && n != name + ".cache")
            .ToList();
        Assert.Empty(beside);
    }

    private static Dictionary<string, string> Snapshot(string folder) => Building.BadKnowledgeBaseTests.Snapshot(folder);

    private static string Edit(string root, string file, string find, string replace) => IncrementalBuildTests.Edit(root, file, find, replace);

    private static string Copy(string source, string target)
    {
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, path));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(path, destination);
            // Written a while ago, as files being edited in a session mostly are: unchanged ones are then known by their
            // size and time alone, and an edit must still be seen.
            File.SetLastWriteTimeUtc(destination, DateTime.UtcNow.AddHours(-1));
        }

        return target;
    }
}
