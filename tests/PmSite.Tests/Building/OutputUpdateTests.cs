using System.Text;
using PmSite.Building;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Building;

public sealed class OutputUpdateTests
{
    [Fact]
    public void A_session_finds_a_file_unchanged_from_the_bytes_it_kept_and_rewrites_one_changed_behind_its_back()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");
        Directory.CreateDirectory(output);
        var kept = new KeptFiles();
        var index = Encoding.UTF8.GetBytes("{\"terms\":[\"pool\",\"timeout\"]}");
        (int Written, int Deleted) Update(byte[] bytes)
        {
            using var update = new OutputUpdate(output, previous: null, kept);
            update.Write("search/manifest.json", bytes);
            update.Commit();
            return update.Changes;
        }

        Assert.Equal((1, 0), Update(index));
        Assert.Equal((0, 0), Update([.. index]));

        // Same length, other bytes, a later time: the kept bytes no longer stand for the file, which is read and replaced.
        var path = Path.Combine(output, "search", "manifest.json");
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes("{\"terms\":[\"disk\",\"timeout\"]}"));
        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        Assert.Equal((1, 0), Update([.. index]));
        Assert.Equal(index, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_session_writes_new_bytes_and_forgets_a_file_it_no_longer_makes()
    {
        using var temp = new TempFolder();
        var output = temp.Combine("site");
        Directory.CreateDirectory(output);
        var kept = new KeptFiles();
        using (var first = new OutputUpdate(output, previous: null, kept))
        {
            first.Write("search/display/0.json", "[1]"u8.ToArray());
            first.Write("search/display/1.json", "[2]"u8.ToArray());
            first.Commit();
        }

        using (var second = new OutputUpdate(output, previous: null, kept))
        {
            second.Write("search/display/0.json", "[3]"u8.ToArray());
            second.Commit();
            Assert.Equal((1, 1), second.Changes);
        }

        Assert.Equal("[3]", File.ReadAllText(Path.Combine(output, "search", "display", "0.json")));
        Assert.False(File.Exists(Path.Combine(output, "search", "display", "1.json")));
        Assert.False(kept.Holds("search/display/1.json", Path.Combine(output, "search", "display", "1.json"), "[2]"u8));
    }
}
