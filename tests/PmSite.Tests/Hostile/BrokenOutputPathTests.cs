using System.Diagnostics;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// An output path that cannot be used, or a disk that refuses the site: one line naming the path, no stack trace, exit code
/// 2 for a path that is wrong and 1 for a write that failed, and the previous site (or file) left exactly as it was.
/// </summary>
public sealed class BrokenOutputPathTests
{
    [Fact]
    public void An_output_that_is_a_file_is_refused_and_the_file_kept()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var file = temp.Write("notes.txt", "mine");

        var (exit, stderr) = OutputFolderTests.Build(input, file);

        OneLine(stderr, file);
        Assert.True(exit == 2, stderr);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public void An_output_under_a_file_is_refused()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var file = temp.Write("notes.txt", "mine");

        var (exit, stderr) = OutputFolderTests.Build(input, Path.Combine(file, "site"));

        OneLine(stderr, file);
        Assert.True(exit == 2, stderr);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_empty_output_is_refused(string output)
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);

        var (exit, stderr) = OutputFolderTests.Build(input, output);

        OneLine(stderr, "--output");
        Assert.True(exit == 2, stderr);
    }

    [Fact]
    public void An_output_through_a_loop_of_symbolic_links_is_refused()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var loop = temp.Combine("loop");
        File.CreateSymbolicLink(loop, temp.Combine("loop2"));
        File.CreateSymbolicLink(temp.Combine("loop2"), loop);
        var output = Path.Combine(loop, "site");

        var (exit, stderr) = OutputFolderTests.Build(input, output);

        OneLine(stderr, output);
        Assert.True(exit == 2, stderr);
    }

    [Fact]
    public void A_file_that_cannot_be_copied_while_the_site_is_written_fails_the_build_in_one_line_and_keeps_the_previous_site()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var theme = temp.Combine("theme");
        CopyFolder(Repo.Theme, theme);
        var output = temp.Combine("site");
        Assert.Equal(0, OutputFolderTests.Build(input, output, theme).Exit);
        var before = Snapshot(output);

        // An asset that vanished (a dangling link): the copy fails half way through writing the site.
        var dangling = Path.Combine(theme, "assets", "gone.css");
        File.CreateSymbolicLink(dangling, temp.Combine("nowhere.css"));
        var (exit, stderr) = OutputFolderTests.Build(input, output, theme);

        OneLine(stderr, "gone.css");
        Assert.True(exit == 1, stderr);
        Assert.Equal(before, Snapshot(output));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(temp.Path), e => Path.GetFileName(e).StartsWith("site.building-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_read_only_folder_fails_the_build_in_one_line_and_keeps_the_previous_site()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var parent = temp.Combine("www");
        var output = Path.Combine(parent, "site");
        Assert.Equal(0, OutputFolderTests.Build(input, output).Exit);
        var before = Snapshot(output);

        using (ReadOnly(parent, out var isReadOnly))
        {
            if (!isReadOnly)
            {
                // Neither chattr (as root) nor chmod could make the folder read-only here: the test above covers a failed write.
                return;
            }

            var (exit, stderr) = OutputFolderTests.Build(input, output);

            OneLine(stderr, parent);
            Assert.True(exit == 1, stderr);
            Assert.Equal(before, Snapshot(output));
        }
    }

    [Fact]
    public void A_switch_that_fails_half_way_puts_the_previous_site_back()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");
        temp.Write("site/index.html", "previous");
        temp.Write("site/" + PmSite.Building.OutputFolder.MarkerName, "");
        using var staging = new PmSite.Building.StagingFolder(output);
        staging.Write("index.html", "next"u8.ToArray());

        // The staged folder vanishes before the switch (a disk error, another program): the new site cannot move in.
        Directory.Delete(staging.Root, recursive: true);

        Assert.ThrowsAny<IOException>(staging.Commit);
        Assert.Equal("previous", File.ReadAllText(Path.Combine(output, "index.html")));
    }

    private static void OneLine(string stderr, string named)
    {
        var line = Assert.Single(OutputFolderTests.Lines(stderr));
        Assert.StartsWith("pmsite: ", line, StringComparison.Ordinal);
        Assert.Contains(named, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    /// <summary>Makes a folder read-only for this process (root ignores permissions, but not the immutable attribute).</summary>
    private static IDisposable ReadOnly(string folder, out bool isReadOnly)
    {
        var root = Environment.UserName == "root";
        if (root)
        {
            Run("chattr", "+i", folder);
        }
        else if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var probe = Path.Combine(folder, "probe");
        try
        {
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            isReadOnly = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            isReadOnly = true;
        }

        return new Undo(() =>
        {
            if (root)
            {
                Run("chattr", "-i", folder);
            }
            else if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        });
    }

    private static void Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No such program: the folder stays writable and the probe says so.
        }
    }

    private sealed class Undo(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    internal static Dictionary<string, string> Snapshot(string folder) => PmSite.Tests.Building.BadKnowledgeBaseTests.Snapshot(folder);

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
