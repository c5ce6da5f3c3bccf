using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using PmSite.Tests.TestKit;
using YamlDotNet.RepresentationModel;

// Not PmSite.Tests.Distribution: that name would hide PmSite.Dashboards.Distribution from the dashboard tests.
namespace PmSite.Tests.ToolDistribution;

/// <summary>
/// The reusable GitHub Action: its script (<c>.github/actions/pmsite/run.sh</c>) run by bash as the action runs it, in a
/// git repository holding a real team's post-mortems, with the CLI built beside these tests as the pmsite on the PATH;
/// and <c>action.yml</c>, whose inputs must reach the script.
/// </summary>
public sealed partial class ActionScriptTests
{
    private static readonly string s_script = Path.Combine(Repo.Root, ".github", "actions", "pmsite", "run.sh");
    private static readonly string s_action = Path.Combine(Repo.Root, "action.yml");

    [CorpusFact("dfds")]
    public void With_the_defaults_lint_findings_annotate_the_pull_request_once_and_both_editions_are_built_in_the_repository()
    {
        using var repo = new ActionRepo();

        // The defaults: input . and output _site, which pmsite itself refuses (the output inside the input).
        var run = repo.Run(new() { ["INPUT_PUBLIC"] = "true", ["INPUT_BASE_URL"] = "https://team.github.io/kb/" });

        Assert.True(run.Exit == 0, run.Log);
        var pages = Directory.GetFiles(repo.Combine("_site", "incidents"), "index.html", SearchOption.AllDirectories);
        Assert.True(pages.Length >= 30, $"{pages.Length} incident pages\n{run.Log}");
        Assert.Contains("href=\"/kb/", File.ReadAllText(repo.Combine("_site", "index.html")), StringComparison.Ordinal);
        Assert.True(File.Exists(repo.Combine("_site-public", "index.html")), run.Log);
        Assert.True(File.Exists(repo.Combine("_site-public.redaction.json")), "the redaction report beside the public edition");
        Assert.Contains("site=_site", run.Outputs);
        Assert.Contains("public-site=_site-public", run.Outputs);

        var annotations = run.Stdout.Split('\n').Where(l => l.StartsWith("::warning file=", StringComparison.Ordinal)).ToList();
        Assert.Contains(annotations, a => a.StartsWith("::warning file=incidents/", StringComparison.Ordinal));
        // Lint and both builds report the same findings (build with the hint after " — hint: "); the pull request shows each once.
        var findings = annotations.Select(a => HintSeparator().Split(a)[0]).ToList();
        Assert.Equal(findings.Count, findings.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(annotations, a => a.Contains("%0Ahint: ", StringComparison.Ordinal));
        Assert.DoesNotContain("::error", run.Stdout, StringComparison.Ordinal);
    }

    [CorpusFact("dfds")]
    public void Lint_sarif_writes_a_SARIF_log_and_names_it_as_an_output()
    {
        using var repo = new ActionRepo();

        var run = repo.Run(new() { ["INPUT_INPUT"] = "incidents", ["INPUT_LINT"] = "sarif" });

        Assert.True(run.Exit == 0, run.Log);
        Assert.Contains("sarif=pmsite.sarif", run.Outputs);
        Assert.Contains("site=_site", run.Outputs);
        Assert.DoesNotContain("public-site=", run.Outputs, StringComparison.Ordinal);
        using var sarif = JsonDocument.Parse(File.ReadAllText(repo.Combine("pmsite.sarif")));
        Assert.Equal("2.1.0", sarif.RootElement.GetProperty("version").GetString());
        Assert.NotEqual(0, sarif.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
        // The findings go to code scanning, not to workflow annotations as well.
        Assert.DoesNotContain("::warning", run.Stdout, StringComparison.Ordinal);
    }

    [CorpusFact("dfds")]
    public void A_strict_build_of_post_mortems_with_warnings_fails_the_step_without_a_site_output()
    {
        using var repo = new ActionRepo();

        var run = repo.Run(new() { ["INPUT_INPUT"] = "incidents", ["INPUT_STRICT"] = "true", ["INPUT_LINT"] = "off" });

        Assert.True(run.Exit != 0, run.Log);
        Assert.DoesNotContain("site=", run.Outputs, StringComparison.Ordinal);
        Assert.Contains("::error title=pmsite build::", run.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(repo.Combine("pmsite.sarif")));
    }

    [Theory]
    [InlineData("INPUT_LINT", "yes", "input 'lint' must be annotations, sarif or off")]
    [InlineData("INPUT_STRICT", "yes", "input 'strict' must be true or false")]
    [InlineData("INPUT_PUBLIC", "1", "input 'public' must be true or false")]
    public void A_mistaken_input_stops_the_script_before_anything_runs(string name, string value, string message)
    {
        using var repo = new ActionRepo();

        var run = repo.Run(new() { [name] = value });

        Assert.Equal(2, run.Exit);
        Assert.Contains("::error title=pmsite action::" + message, run.Stdout, StringComparison.Ordinal);
        Assert.Empty(run.Outputs);
        Assert.False(Directory.Exists(repo.Combine("_site")));
    }

    [Fact]
    public void An_output_folder_inside_the_input_that_pmsite_did_not_make_is_never_replaced()
    {
        using var repo = new ActionRepo();
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(repo.Combine("notes")).FullName, "keep.txt"), "mine");

        var run = repo.Run(new() { ["INPUT_OUTPUT"] = "notes", ["INPUT_LINT"] = "off" });

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("::error title=pmsite action::'notes' is not empty and was not made by pmsite", run.Stdout, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(repo.Combine("notes", "keep.txt")));
        Assert.Empty(run.Outputs);
    }

    [Fact]
    public void The_action_is_a_composite_action_whose_inputs_all_reach_the_script()
    {
        var action = (YamlMappingNode)LoadYaml(File.ReadAllText(s_action));
        var inputs = (YamlMappingNode)action["inputs"];
        var runs = (YamlMappingNode)action["runs"];
        var steps = ((YamlSequenceNode)runs["steps"]).Cast<YamlMappingNode>().ToList();

        Assert.Equal("composite", Scalar(runs, "using"));
        var defaults = inputs.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Scalar((YamlMappingNode)p.Value, "default"));
        Assert.Equal(".", defaults["input"]);
        Assert.Equal("_site", defaults["output"]);
        Assert.Equal("false", defaults["public"]);
        Assert.Equal("false", defaults["strict"]);
        Assert.Equal("annotations", defaults["lint"]);
        Assert.Equal("", defaults["base-url"]);
        Assert.Equal("", defaults["version"]);
        Assert.All(inputs.Children.Values, i => Assert.NotEmpty(Scalar((YamlMappingNode)i, "description")!));

        var setup = Assert.Single(steps, s => Scalar(s, "uses") == "actions/setup-dotnet@v4");
        Assert.Equal("10.0.x", Scalar((YamlMappingNode)setup["with"], "dotnet-version"));
        var install = Assert.Single(steps, s => Scalar(s, "run")?.Contains("tool install --global PmSite", StringComparison.Ordinal) == true);
        Assert.Equal("${{ inputs.version }}", Scalar((YamlMappingNode)install["env"], "PMSITE_VERSION"));
        Assert.True(steps.IndexOf(setup) < steps.IndexOf(install));
        Assert.All(steps.Where(s => s.Children.ContainsKey("run")), s => Assert.Equal("bash", Scalar(s, "shell")));

        var run = Assert.Single(steps, s => Scalar(s, "run")?.Contains(".github/actions/pmsite/run.sh", StringComparison.Ordinal) == true);
        Assert.True(steps.IndexOf(install) < steps.IndexOf(run));
        var env = ((YamlMappingNode)run["env"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value);
        var read = InputVariable().Matches(File.ReadAllText(s_script)).Select(m => m.Value).ToHashSet();
        // Every input but the version reaches the script under the name it reads, and it reads nothing else.
        foreach (var name in defaults.Keys.Where(n => n != "version"))
        {
            var variable = "INPUT_" + name.Replace('-', '_').ToUpperInvariant();
            Assert.Equal($"${{{{ inputs.{name} }}}}", env[variable]);
            Assert.Contains(variable, read);
        }

        Assert.Equal(read.Order(), env.Keys.Order());
        var outputs = (YamlMappingNode)action["outputs"];
        foreach (var output in new[] { "site", "public-site", "sarif" })
        {
            Assert.Equal($"${{{{ steps.{Scalar(run, "id")}.outputs.{output} }}}}", Scalar((YamlMappingNode)outputs[output], "value"));
            Assert.Contains($"echo \"{output}=", File.ReadAllText(s_script), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("docs/github-action.md")]
    [InlineData("README.md")]
    public void The_documented_workflows_use_only_inputs_the_action_declares(string document)
    {
        var declared = ((YamlMappingNode)LoadYaml(File.ReadAllText(s_action))["inputs"]).Children.Keys
            .Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var blocks = YamlBlock().Matches(File.ReadAllText(Path.Combine(Repo.Root, document))).Select(m => m.Groups[1].Value).ToList();
        var uses = blocks.SelectMany(b => Steps(LoadYaml(b))).Where(s => Scalar(s, "uses")?.StartsWith("pmsite/pmsite@", StringComparison.Ordinal) == true).ToList();

        Assert.NotEmpty(uses);
        foreach (var step in uses.Where(s => s.Children.ContainsKey("with")))
        {
            Assert.All(((YamlMappingNode)step["with"]).Children.Keys, k => Assert.Contains(((YamlScalarNode)k).Value!, declared));
        }
    }

    /// <summary>Every step of a workflow (under jobs) or the steps of a snippet that is a list of steps.</summary>
    private static IEnumerable<YamlMappingNode> Steps(YamlNode node) => node switch
    {
        YamlSequenceNode list => list.OfType<YamlMappingNode>(),
        YamlMappingNode map when map.Children.ContainsKey("jobs") => ((YamlMappingNode)map["jobs"]).Children.Values
            .OfType<YamlMappingNode>().Where(j => j.Children.ContainsKey("steps")).SelectMany(j => ((YamlSequenceNode)j["steps"]).OfType<YamlMappingNode>()),
        YamlMappingNode map when map.Children.ContainsKey("steps") => ((YamlSequenceNode)map["steps"]).OfType<YamlMappingNode>(),
        _ => [],
    };

    private static YamlNode LoadYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents[0].RootNode;
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;

    [GeneratedRegex(@"\bINPUT_[A-Z_]+\b")]
    private static partial Regex InputVariable();

    [GeneratedRegex("%0Ahint: | — hint: ")]
    private static partial Regex HintSeparator();

    [GeneratedRegex(@"```ya?ml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();

    private sealed record Result(int Exit, string Stdout, string Stderr, string Outputs)
    {
        public string Log => $"exit {Exit}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}\n--- GITHUB_OUTPUT\n{Outputs}";
    }

    /// <summary>A git repository with dfds's post-mortems in incidents/, and a bin folder whose pmsite runs the built CLI.</summary>
    private sealed class ActionRepo : IDisposable
    {
        private readonly TempFolder _temp = new();
        private readonly string _bin;

        public ActionRepo()
        {
            Root = Directory.CreateDirectory(_temp.Combine("repo")).FullName;
            var dfds = Repo.Corpus("dfds");
            if (Directory.Exists(dfds))
            {
                Copy(dfds, Path.Combine(Root, "incidents"));
            }

            Exec("git", ["init", "-q", Root], Root);
            _bin = Directory.CreateDirectory(_temp.Combine("bin")).FullName;
            var pmsite = Path.Combine(_bin, "pmsite");
            File.WriteAllText(pmsite, $"#!/bin/sh\nexec \"{DotnetHost()}\" \"{CliDll()}\" \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(pmsite, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        public string Root { get; }

        public string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

        /// <summary>Runs the action's script from the repository root, as the action's step does, with these inputs.</summary>
        public Result Run(Dictionary<string, string> inputs)
        {
            var outputs = _temp.Combine("github-output");
            File.WriteAllText(outputs, "");
            var start = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(s_script);
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("INPUT_", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            start.Environment["GITHUB_OUTPUT"] = outputs;
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            foreach (var (name, value) in inputs)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("the action's script did not finish in 5 minutes");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result, File.ReadAllText(outputs));
        }

        public void Dispose() => _temp.Dispose();

        /// <summary>The CLI of this build configuration; with the theme beside it, as the tool package has.</summary>
        private static string CliDll()
        {
            var configuration = typeof(ActionScriptTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var dll = Path.Combine(Repo.Root, "src", "PmSite.Cli", "bin", configuration, "net10.0", "pmsite.dll");
            Assert.True(File.Exists(dll), $"the CLI is not built at {dll}");
            return dll;
        }

        /// <summary>The dotnet executable: the SDK sets DOTNET_HOST_PATH for the processes it starts, else the one on the PATH.</summary>
        private static string DotnetHost()
        {
            var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
        }

        private static void Copy(string from, string to)
        {
            foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(to, Path.GetRelativePath(from, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        private static void Exec(string program, string[] args, string folder)
        {
            var start = new ProcessStartInfo(program) { WorkingDirectory = folder, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
        }
    }
}
