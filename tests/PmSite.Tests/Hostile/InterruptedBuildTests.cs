using PmSite.Building;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// A build interrupted (killed, power cut) leaves its staging folder, or the previous site it was deleting, beside the output.
/// The next build removes those, and only those: folders that carry PmSite's marker and whose process is gone. A running
/// build's folder, and folders PmSite did not make, stay.
/// </summary>
public sealed class InterruptedBuildTests
{
    // Above any process id Linux hands out (at most 2^22): a process surely gone.
    private const int Gone = int.MaxValue;

    // The init process: surely running.
    private const int Running = 1;

    [Fact]
    public void The_next_build_removes_the_copies_interrupted_builds_left_and_nothing_else()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var output = temp.Combine("site");
        Assert.Equal(0, OutputFolderTests.Build(input, output).Exit);

        var staged = Leftover(temp, $"site.building-{Gone}-{Guid.NewGuid():N}", marked: true);
        var previous = Leftover(temp, $"site.previous-{Gone}-{Guid.NewGuid():N}", marked: true);
        var emptyUnmarked = temp.Combine($"site.building-{Gone}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(emptyUnmarked);
        var running = Leftover(temp, $"site.building-{Running}-{Guid.NewGuid():N}", marked: true);
        var notOurs = Leftover(temp, $"site.building-{Gone}-{Guid.NewGuid():N}", marked: false);
        var older = Leftover(temp, $"site.previous-{Guid.NewGuid():N}", marked: false);

        var (exit, stderr) = OutputFolderTests.Build(input, output);

        Assert.True(exit == 0, stderr);
        Assert.False(Directory.Exists(staged));
        Assert.False(Directory.Exists(previous));
        Assert.False(Directory.Exists(emptyUnmarked));
        Assert.True(File.Exists(Path.Combine(running, "index.html")));
        Assert.True(File.Exists(Path.Combine(notOurs, "index.html")));
        Assert.True(File.Exists(Path.Combine(older, "index.html")));
    }

    [Fact]
    public void A_build_that_fails_leaves_no_copy_and_its_staging_folder_is_marked_while_it_runs()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");
        string root;
        using (var staging = new StagingFolder(output))
        {
            root = staging.Root;
            Assert.StartsWith($"{output}.building-{Environment.ProcessId}-", root, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(root, OutputFolder.MarkerName)));
            staging.Write("index.html", "half"u8.ToArray());
        }

        Assert.False(Directory.Exists(root));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void The_switch_leaves_the_new_site_in_place_and_no_copy_beside_it()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");
        temp.Write("site/index.html", "previous");
        temp.Write("site/old-only.html", "gone after the switch");
        temp.Write("site/" + OutputFolder.MarkerName, "");
        using (var staging = new StagingFolder(output))
        {
            staging.Write("index.html", "next"u8.ToArray());
            staging.Commit();
        }

        Assert.Equal("next", File.ReadAllText(Path.Combine(output, "index.html")));
        Assert.False(File.Exists(Path.Combine(output, "old-only.html")));
        Assert.True(File.Exists(Path.Combine(output, OutputFolder.MarkerName)));
        Assert.Equal(["site"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void On_linux_two_folders_are_exchanged_in_one_step()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var temp = new TempFolder();
        temp.Write("a/which", "a");
        temp.Write("b/which", "b");

        Assert.True(StagingFolder.Exchange.TrySwap(temp.Combine("a"), temp.Combine("b")));

        Assert.Equal("b", File.ReadAllText(temp.Combine("a", "which")));
        Assert.Equal("a", File.ReadAllText(temp.Combine("b", "which")));
    }

    private static string Leftover(TempFolder temp, string name, bool marked)
    {
        temp.Write(Path.Combine(name, "index.html"), "a copy");
        temp.Write(Path.Combine(name, "incidents", "inc-1", "index.html"), "a copy");
        if (marked)
        {
            temp.Write(Path.Combine(name, OutputFolder.MarkerName), "");
        }

        return temp.Combine(name);
    }
}
