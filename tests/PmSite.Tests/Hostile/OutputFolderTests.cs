using PmSite.Building;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// <c>--output</c> pointed at a folder PmSite did not make: refused with one line (exit code 2), nothing deleted. Paths are
/// compared as the file system resolves them, so a symbolic link cannot lead the output into the input or the theme.
/// </summary>
public sealed class OutputFolderTests
{
    [Fact]
    public void A_folder_of_other_files_is_refused_and_left_as_it_was()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var documents = temp.Combine("documents");
        temp.Write("documents/thesis.tex", "chapter one");
        temp.Write("documents/photos/cat.jpg", "meow");

        var (exit, stderr) = Build(input, documents);

        Assert.True(exit == 2, stderr);
        Assert.Single(Lines(stderr));
        Assert.Contains(documents, stderr, StringComparison.Ordinal);
        Assert.Contains(".pmsite-output", stderr, StringComparison.Ordinal);
        Assert.Equal("chapter one", File.ReadAllText(Path.Combine(documents, "thesis.tex")));
        Assert.Equal("meow", File.ReadAllText(Path.Combine(documents, "photos", "cat.jpg")));
        Assert.Equal(2, Directory.GetFileSystemEntries(documents).Length);
    }

    [Fact]
    public async Task A_preview_into_a_folder_of_other_files_is_refused_and_the_files_kept()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var documents = temp.Combine("documents");
        temp.Write("documents/thesis.tex", "chapter one");
        await using var server = new PmSite.Cli.Serve.PreviewServer(
            new PmSite.Cli.Serve.ServeOptions { InputFolder = input, ThemeFolder = Repo.Theme, OutputFolder = documents, Port = 0 },
            TextWriter.Null, TextWriter.Null);

        var refused = await Assert.ThrowsAsync<OutputFolderException>(() => server.StartAsync());

        Assert.True(refused.IsUsageError);
        Assert.Contains(documents, refused.Message, StringComparison.Ordinal);
        Assert.Equal("chapter one", File.ReadAllText(Path.Combine(documents, "thesis.tex")));
        Assert.Single(Directory.GetFileSystemEntries(documents));
    }

    [Fact]
    public void An_empty_folder_is_used_and_the_site_marked_so_the_next_build_replaces_it()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var output = temp.Combine("site");
        Directory.CreateDirectory(output);

        var (first, stderr) = Build(input, output);
        Assert.True(first == 0, stderr);
        Assert.True(File.Exists(Path.Combine(output, OutputFolder.MarkerName)));
        Assert.True(File.Exists(Path.Combine(output, "index.html")));

        var (second, again) = Build(input, output);
        Assert.True(second == 0, again);
        Assert.True(File.Exists(Path.Combine(output, OutputFolder.MarkerName)));
    }

    [Fact]
    public void A_site_an_earlier_version_built_without_the_marker_is_refused_with_what_to_do()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var output = temp.Combine("site");
        Assert.Equal(0, Build(input, output).Exit);
        File.Delete(Path.Combine(output, OutputFolder.MarkerName));
        var before = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Length;

        var (exit, stderr) = Build(input, output);

        Assert.True(exit == 2, stderr);
        Assert.Single(Lines(stderr));
        Assert.Contains("earlier", stderr, StringComparison.Ordinal);
        Assert.Contains("delete", stderr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(output, "*", SearchOption.AllDirectories).Length);
    }

    [Theory]
    [InlineData("kb", "input")]
    [InlineData("", "input")]
    [InlineData("kb/site", "input")]
    [InlineData("theme", "theme")]
    [InlineData("theme/site", "theme")]
    public void The_input_the_theme_and_what_holds_them_are_refused_even_when_marked(string output, string named)
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var theme = temp.Combine("theme");
        temp.Write("theme/layout.liquid", "{{ content }}");
        var target = temp.Combine(output);
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, OutputFolder.MarkerName), "");
        var before = Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).Length;

        var (exit, stderr) = Build(input, target, theme);

        Assert.True(exit == 2, stderr);
        Assert.Single(Lines(stderr));
        Assert.Contains(named, stderr, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(temp.Path, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void An_output_reached_through_a_symbolic_link_into_the_input_is_refused()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var link = temp.Combine("shortcut");
        Directory.CreateSymbolicLink(link, input);

        var (inside, stderr) = Build(input, Path.Combine(link, "site"));
        Assert.True(inside == 2, stderr);
        Assert.Contains("input", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(input, "site")));

        var (same, again) = Build(input, link);
        Assert.True(same == 2, again);
        Assert.Single(Directory.GetFileSystemEntries(input));
    }

    [Fact]
    public void An_output_that_is_itself_a_symbolic_link_is_refused_naming_where_it_points()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var real = temp.Combine("www");
        Directory.CreateDirectory(real);
        var link = temp.Combine("site");
        Directory.CreateSymbolicLink(link, real);

        var (exit, stderr) = Build(input, link);

        Assert.True(exit == 2, stderr);
        Assert.Contains(real, stderr, StringComparison.Ordinal);
        Assert.NotNull(new DirectoryInfo(link).LinkTarget);
    }

    [Fact]
    public void The_working_folder_its_ancestors_and_the_home_folder_are_refused()
    {
        using var temp = new TempFolder();
        var input = Knowledge(temp);
        var theme = temp.Combine("theme");
        var home = temp.Combine("home");
        var working = temp.Combine("home", "projects", "kb-site");
        Directory.CreateDirectory(working);
        Directory.CreateDirectory(theme);

        foreach (var output in new[] { working, temp.Combine("home", "projects") })
        {
            var refused = Assert.Throws<OutputFolderException>(() => OutputFolder.Check(output, input, theme, working, temp.Combine("elsewhere")));
            Assert.Contains("working folder", refused.Message, StringComparison.Ordinal);
            Assert.True(refused.IsUsageError);
        }

        var elsewhere = temp.Combine("elsewhere");
        Assert.Contains("home folder", Assert.Throws<OutputFolderException>(() => OutputFolder.Check(home, input, theme, elsewhere, home)).Message, StringComparison.Ordinal);
        Assert.Contains("home folder", Assert.Throws<OutputFolderException>(() => OutputFolder.Check(temp.Combine("x", ".."), "/nowhere/kb", "/nowhere/theme", "/nowhere/work", home)).Message, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(working, "site"), OutputFolder.Check(Path.Combine(working, "site"), input, theme, working, home));
    }

    /// <summary>A knowledge base of one post-mortem in <c>kb</c>.</summary>
    internal static string Knowledge(TempFolder temp)
    {
        temp.Write("kb/post-mortems/inc-1.md", SiteFixture.PostMortem("INC-1"));
        return temp.Combine("kb");
    }

    internal static (int Exit, string Stderr) Build(string input, string output, string? theme = null)
    {
        var stderr = new StringWriter();
        var exit = PmSite.Cli.Program.Run(
            ["build", "--input", input, "--output", output, "--theme", theme ?? Repo.Theme, "--now", "2026-01-31", "--no-cache"], TextWriter.Null, stderr);
        return (exit, stderr.ToString());
    }

    internal static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
