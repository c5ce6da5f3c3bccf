using System.Diagnostics;
using System.Text.Json;
using PmSite.Tests.TestKit;

// Not PmSite.Tests.Distribution: that name would hide PmSite.Dashboards.Distribution from the dashboard tests.
namespace PmSite.Tests.ToolDistribution;

/// <summary>
/// The container image's Dockerfile, read as Docker reads it. No container engine runs where these tests run, so the
/// facts that make the image right are checked here: official images with pinned tags, the theme beside the program,
/// a non-root user, and pmsite as the entry point in /site.
/// </summary>
public sealed class ContainerTests
{
    private static readonly string s_dockerfile = Path.Combine(Repo.Root, "Dockerfile");

    [Fact]
    public void The_parser_reads_continuations_comments_and_stages()
    {
        var stages = Dockerfile.Parse("""
            # syntax=docker/dockerfile:1
            FROM a:1 AS one
            RUN echo a \
              # a comment inside the continuation is dropped
                && echo b
            FROM b:2
            COPY --from=one /x /y
            """);

        Assert.Equal(2, stages.Count);
        Assert.Equal(("a:1", "one"), (stages[0].Image, stages[0].Name));
        Assert.Equal("echo a && echo b", Assert.Single(stages[0].Instructions, i => i.Keyword == "RUN").Arguments);
        Assert.Equal(("b:2", (string?)null), (stages[1].Image, stages[1].Name));
        Assert.Equal(["--from=one", "/x", "/y"], stages[1].Instructions.Single(i => i.Keyword == "COPY").Words);
    }

    [Fact]
    public void The_image_is_built_with_the_official_SDK_and_runs_on_an_official_runtime_image_with_pinned_tags()
    {
        var stages = Dockerfile.Parse(File.ReadAllText(s_dockerfile));

        Assert.True(stages.Count >= 2, "a multi-stage build: the SDK never reaches the final image");
        Assert.All(stages, s => AssertPinned(s.Image));
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0].Image, StringComparison.Ordinal);
        var final = stages[^1];
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(aspnet|runtime|runtime-deps):10\.0", final.Image);
    }

    [Fact]
    public void The_final_stage_copies_the_published_program_with_its_theme_from_the_build_stage_onto_the_PATH()
    {
        var stages = Dockerfile.Parse(File.ReadAllText(s_dockerfile));
        var build = stages[0];
        var final = stages[^1];

        var publish = Assert.Single(build.Instructions, i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal));
        var publishFolder = publish.Words[publish.Words.IndexOf("-o") + 1];
        Assert.Contains("src/PmSite.Cli", publish.Arguments, StringComparison.Ordinal);
        // SiteBuild.DefaultThemeFolder is AppContext.BaseDirectory/theme: the build stage checks the theme is there.
        Assert.Contains($"test -f {publishFolder}/theme/layout.liquid", publish.Arguments, StringComparison.Ordinal);

        var copy = Assert.Single(final.Instructions, i => i.Keyword == "COPY" && i.Words[0].StartsWith("--from=", StringComparison.Ordinal));
        Assert.Equal($"--from={build.Name}", copy.Words[0]);
        Assert.Equal(publishFolder, copy.Words[1]);
        var installed = copy.Words[2];
        var path = Assert.Single(final.Instructions, i => i.Keyword == "ENV" && i.Arguments.Contains("PATH=", StringComparison.Ordinal));
        Assert.Contains($"PATH=\"{installed}:${{PATH}}\"", path.Arguments, StringComparison.Ordinal);

        Assert.DoesNotContain(stages.SelectMany(s => s.Instructions), i => i.Keyword == "ADD" && i.Words.Any(w => w.Contains("://", StringComparison.Ordinal) || w.StartsWith("git@", StringComparison.Ordinal)));
    }

    [Fact]
    public void Pmsite_runs_as_a_user_that_is_not_root_in_site_with_build_as_the_default_command()
    {
        var final = Dockerfile.Parse(File.ReadAllText(s_dockerfile))[^1];
        var keywords = final.Instructions.Select(i => i.Keyword).ToList();

        var user = final.Instructions.Last(i => i.Keyword == "USER").Arguments.Split(':')[0];
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);
        Assert.False(user.StartsWith('$'), "a user the Dockerfile names, not one an argument could make root");
        Assert.True(keywords.LastIndexOf("USER") < keywords.IndexOf("ENTRYPOINT"), "USER before ENTRYPOINT");
        Assert.Equal("/site", final.Instructions.Last(i => i.Keyword == "WORKDIR").Arguments);
        // Exec form: pmsite is process 1 and gets the signals, and the arguments of docker run are its arguments.
        Assert.Equal(["pmsite"], ExecForm(Assert.Single(final.Instructions, i => i.Keyword == "ENTRYPOINT")));
        Assert.Equal(["build"], ExecForm(Assert.Single(final.Instructions, i => i.Keyword == "CMD")));
    }

    [Fact]
    public void Every_file_the_build_stage_copies_exists_and_the_dockerignore_lets_it_through()
    {
        var stages = Dockerfile.Parse(File.ReadAllText(s_dockerfile));
        var admitted = File.ReadAllLines(Path.Combine(Repo.Root, ".dockerignore"))
            .Where(l => l.StartsWith('!')).Select(l => l[1..].TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var copies = stages[0].Instructions.Where(i => i.Keyword == "COPY").ToList();
        var sources = copies.SelectMany(c => c.Words[..^1]).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s =>
        {
            Assert.True(File.Exists(Path.Combine(Repo.Root, s)) || Directory.Exists(Path.Combine(Repo.Root, s)), $"{s} is not in the repository");
            Assert.Contains(s.TrimEnd('/').Split('/')[0], admitted);
        });
        // The restore runs on the project files alone: every project under src/ must be among them.
        var restore = stages[0].Instructions.FindIndex(i => i.Keyword == "RUN" && i.Arguments.StartsWith("dotnet restore", StringComparison.Ordinal));
        var beforeRestore = stages[0].Instructions.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(c => c.Words[..^1]).ToHashSet();
        Assert.True(restore > 0, "a dotnet restore step");
        foreach (var project in Directory.GetFiles(Path.Combine(Repo.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            Assert.Contains(Path.GetRelativePath(Repo.Root, project).Replace('\\', '/'), beforeRestore);
        }

        Assert.Contains("Directory.Packages.props", beforeRestore);
    }

    [DockerfilelintFact]
    public void Dockerfilelint_finds_nothing_in_the_Dockerfile()
    {
        var (exit, text) = Dockerfilelint(s_dockerfile);

        Assert.True(exit == 0, text);
        Assert.Contains("\"totalIssues\":0", text, StringComparison.Ordinal);
    }

    [DockerfilelintFact]
    public void Dockerfilelint_reports_what_it_finds_by_its_exit_code()
    {
        using var temp = new TempFolder();
        var bad = temp.Write("Dockerfile", "FROM debian:latest\nRUN apt-get install curl\n");

        var (exit, text) = Dockerfilelint(bad);

        Assert.NotEqual(0, exit);
        Assert.Contains("latest", text, StringComparison.Ordinal);
    }

    private static (int Exit, string Text) Dockerfilelint(string file)
    {
        var start = new ProcessStartInfo(DockerfilelintFactAttribute.Program!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("json");
        start.ArgumentList.Add(file);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dockerfilelint did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static void AssertPinned(string image)
    {
        var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image[(image.LastIndexOf(':') + 1)..];
        Assert.True(image.LastIndexOf(':') > image.LastIndexOf('/'), $"{image} has no tag");
        Assert.NotEqual("latest", tag);
    }

    private static string[] ExecForm(Dockerfile.Instruction instruction) =>
        JsonSerializer.Deserialize<string[]>(instruction.Arguments)
        ?? throw new InvalidOperationException($"{instruction.Keyword} is not in exec (JSON array) form");

    /// <summary>The part of Dockerfile syntax the image's facts need: instructions, line continuations, comments, stages.</summary>
    private static class Dockerfile
    {
        public sealed record Instruction(string Keyword, string Arguments)
        {
            /// <summary>The arguments split at whitespace (enough for COPY and RUN without quoted spaces).</summary>
            public List<string> Words { get; } = Arguments.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        }

        public sealed record Stage(string Image, string? Name, List<Instruction> Instructions);

        public static List<Stage> Parse(string text)
        {
            var stages = new List<Stage>();
            var logical = "";
            foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var line = raw.Trim();
                // Docker drops comment lines, also inside a continued instruction.
                if (line.StartsWith('#') || (line.Length == 0 && logical.Length == 0))
                {
                    continue;
                }

                if (line.EndsWith('\\'))
                {
                    logical += line[..^1].TrimEnd() + " ";
                    continue;
                }

                logical += line;
                if (logical.Trim().Length > 0)
                {
                    Add(stages, logical.Trim());
                }

                logical = "";
            }

            return stages;
        }

        private static void Add(List<Stage> stages, string line)
        {
            var space = line.IndexOfAny([' ', '\t']);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : string.Join(' ', line[(space + 1)..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ').Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
                var name = words.Length == 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                stages.Add(new Stage(words[0], name, []));
                return;
            }

            if (stages.Count == 0)
            {
                throw new InvalidOperationException($"{keyword} before the first FROM");
            }

            stages[^1].Instructions.Add(new Instruction(keyword, arguments));
        }
    }
}

/// <summary>
/// A fact that runs dockerfilelint (npm, which <c>.ci/run</c> installs), skipped with a clear message where it is not on
/// the PATH.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class DockerfilelintFactAttribute : FactAttribute
{
    public DockerfilelintFactAttribute()
    {
        if (Program is null)
        {
            Skip = "dockerfilelint is not on the PATH (.ci/run installs it: npm install dockerfilelint@1.8.0)";
        }
    }

    /// <summary>The dockerfilelint executable on the PATH, or null.</summary>
    public static string? Program { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(folder => Path.Combine(folder, "dockerfilelint"))
        .FirstOrDefault(File.Exists);
}
