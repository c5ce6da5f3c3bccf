using System.Diagnostics;
using Xunit.Abstractions;
using PmSite.Tests.TestKit;

// Not PmSite.Tests.Distribution: that name would hide PmSite.Dashboards.Distribution from the dashboard tests.
namespace PmSite.Tests.ToolDistribution;

/// <summary>
/// The package a team installs: packed, installed with <c>dotnet tool install</c> from a local folder only, and run from
/// a folder that has nothing of PmSite in it, so the default theme must come from the package itself.
/// </summary>
public sealed class ToolPackageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(8);

    [Fact]
    [Trait("Category", "Slow")]
    public void The_packed_tool_installs_offline_prints_its_version_and_builds_sites_from_any_folder()
    {
        using var temp = new TempFolder();
        var packages = temp.Combine("packages");
        var exit = Run("dotnet", ["pack", Path.Combine(Repo.Root, "src", "PmSite.Cli"), "-c", "Release", "-o", packages], Repo.Root, temp, out var packOutput);
        Assert.True(exit == 0, "dotnet pack failed:\n" + packOutput);
        var nupkg = Path.GetFileName(Assert.Single(Directory.GetFiles(packages, "PmSite.*.nupkg")));
        var version = nupkg["PmSite.".Length..^".nupkg".Length];

        // Only the local folder: configured feeds are cleared, so the install works offline and cannot pick up another PmSite.
        var config = temp.Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var tools = temp.Combine("tools");
        exit = Run("dotnet", ["tool", "install", "PmSite", "--tool-path", tools, "--add-source", packages, "--configfile", config, "--version", version],
            temp.Path, temp, out var installOutput, ownPackageFolder: true);
        Assert.True(exit == 0, "dotnet tool install failed:\n" + installOutput);

        var elsewhere = Directory.CreateDirectory(temp.Combine("elsewhere")).FullName;
        var pmsite = Path.Combine(tools, "pmsite");
        exit = Run(pmsite, ["--version"], elsewhere, temp, out var versionOutput);
        Assert.Equal(0, exit);
        Assert.Equal(version, versionOutput.Trim());

        var site = temp.Combine("site");
        exit = Run(pmsite, ["build", "--input", Repo.SampleInput, "--output", site], elsewhere, temp, out var buildOutput);
        Assert.True(exit == 0, "pmsite build failed:\n" + buildOutput);
        Assert.True(File.Exists(Path.Combine(site, "index.html")));
        Assert.True(File.Exists(Path.Combine(site, "assets", "site.css")), "the theme's assets come from the package");
        Assert.Equal(14, Directory.GetFiles(Path.Combine(site, "incidents"), "index.html", SearchOption.AllDirectories).Length);

        var dfds = Repo.Corpus("dfds");
        if (!Directory.Exists(dfds))
        {
            output.WriteLine($"Skipped the dfds build: the corpus is not at {dfds} (shared/corpora beside the repository).");
            return;
        }

        var dfdsSite = temp.Combine("dfds-site");
        exit = Run(pmsite, ["build", "--input", dfds, "--output", dfdsSite], elsewhere, temp, out var dfdsOutput);
        Assert.True(exit == 0, "pmsite build of dfds failed:\n" + dfdsOutput);
        Assert.True(File.Exists(Path.Combine(dfdsSite, "index.html")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(dfdsSite, "incidents"), "index.html", SearchOption.AllDirectories));
    }

    /// <summary>Runs a program and returns its exit code, with standard output and error together for the failure message.</summary>
    private static int Run(string program, string[] args, string workingDirectory, TempFolder temp, out string text, bool ownPackageFolder = false)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (ownPackageFolder)
        {
            // A PmSite of the same version from an earlier run (the version changes only with commits) must not come from the cache.
            start.Environment["NUGET_PACKAGES"] = temp.Combine("nuget-packages");
        }

        // The installed tool's launcher finds the runtime the tests run on, wherever it is installed.
        start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(RuntimeHost())!;
        // The test host's own MSBuild settings would steer the nested dotnet commands.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH" })
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish in {s_timeout}");
        }

        text = stdout.Result + stderr.Result;
        return process.ExitCode;
    }

    /// <summary>The dotnet executable: the SDK sets DOTNET_HOST_PATH for the processes it starts, else the one on the PATH.</summary>
    private static string RuntimeHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, "dotnet");
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate);
            }
        }

        return "/usr/share/dotnet/dotnet";
    }
}
