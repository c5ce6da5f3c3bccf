using PmSite.Building;
using PmSite.Cli.Commands;
using PmSite.Tests.TestKit;

namespace PmSite.Tests.Hostile;

/// <summary>
/// Two builds into one output folder: the second fails at once with one line (exit code 1) while the first holds the folder's
/// lock, and the first finishes as if alone.
/// </summary>
public sealed class ConcurrentBuildTests
{
    [Fact]
    public void A_second_build_into_the_same_output_fails_at_once_and_the_first_finishes()
    {
        using var temp = new TempFolder();
        var input = OutputFolderTests.Knowledge(temp);
        var output = temp.Combine("site");
        var second = -1;
        var secondError = new StringWriter();
        var started = 0;
        BuildOptions? first = null;
        first = new BuildOptions
        {
            InputFolder = input,
            OutputFolder = output,
            ThemeFolder = Repo.Theme,
            Now = SiteFixture.Now,
            // The second build starts while the first is between two of its phases.
            Progress = _ =>
            {
                if (Interlocked.Exchange(ref started, 1) == 0)
                {
                    second = BuildCommand.Run(first! with { Progress = null }, TextWriter.Null, secondError);
                }
            },
        };

        var firstError = new StringWriter();
        var exit = BuildCommand.Run(first, TextWriter.Null, firstError);

        Assert.True(exit == 0, firstError.ToString());
        Assert.True(second == 1, secondError.ToString());
        var line = Assert.Single(OutputFolderTests.Lines(secondError.ToString()));
        Assert.Contains("another build", line, StringComparison.Ordinal);
        Assert.Contains(output, line, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "index.html")));
        Assert.DoesNotContain(Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName),
            name => name!.Contains(".building-", StringComparison.Ordinal) || name.Contains(".previous-", StringComparison.Ordinal));
    }
}
