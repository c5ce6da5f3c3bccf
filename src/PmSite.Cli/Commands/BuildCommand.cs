using System.CommandLine;
using System.Globalization;
using PmSite.Building;
using PmSite.Diagnostics;
using PmSite.Rendering;

namespace PmSite.Cli.Commands;

/// <summary><c>pmsite build</c>: the site into the output folder, swapped in only when there is no error.</summary>
internal static class BuildCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var input = CommonOptions.Input();
        var output = new Option<string>("--output", "-o")
        {
            Description = "Where the site is written; replaced as a whole only when the build succeeds.",
            DefaultValueFactory = _ => "output",
            HelpName = "DIR",
        };
        var baseUrl = new Option<string?>("--base-url")
        {
            Description = "Overrides base_url of pmsite.yml (absolute URL the site is published at).",
            HelpName = "URL",
        };
        var theme = CommonOptions.Theme();
        var now = CommonOptions.Now();
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Render every page afresh instead of reusing unchanged pages of the previous output (kept track of in <output>.cache/).",
        };
        var timings = new Option<bool>("--timings") { Description = "Also print how long each phase of each pipeline took (for benchmarks)." };
        var command = new Command("build", "Build the static site from the knowledge-base folder.") { input, output, baseUrl, theme, now, noCache, timings };
        command.SetAction(parse =>
        {
            var url = parse.GetValue(baseUrl);
            if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                stderr.WriteLine($"pmsite: --base-url '{url}' is not an absolute http(s) URL");
                return Program.UsageError;
            }

            var options = new BuildOptions
            {
                InputFolder = parse.GetValue(input)!,
                OutputFolder = parse.GetValue(output)!,
                BaseUrl = url,
                ThemeFolder = CommonOptions.ResolveTheme(parse.GetValue(theme)),
                Now = parse.GetValue(now) ?? DateOnly.FromDateTime(DateTime.UtcNow),
                Cache = parse.GetValue(noCache) ? null : new PmSite.Incremental.BuildCache(),
            };
            return Run(options, stdout, stderr, parse.GetValue(timings));
        });
        return command;
    }

    public static int Run(BuildOptions options, TextWriter stdout, TextWriter stderr, bool timings = false)
    {
        BuildResult result;
        try
        {
            result = SiteBuild.RunAsync(options).GetAwaiter().GetResult();
        }
        catch (ThemeException ex)
        {
            stderr.WriteLine($"pmsite: {ex.Message}");
            return Program.UsageError;
        }

        Report(result.Diagnostics, stderr);
        if (timings)
        {
            foreach (var ((pipeline, phase), time) in result.Timings.Where(t => t.Value.TotalMilliseconds >= 1).OrderByDescending(t => t.Value))
            {
                stderr.WriteLine($"  {pipeline,-14} {phase,-12} {time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
            }
        }
        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var summary = $"{result.PostMortems} post-mortems, {result.Pages} pages, {result.Files} files, {result.Warnings} warnings, {result.Errors} errors in {seconds} s";
        if (options.Cache is { LastPages: { Reused: > 0 } pages })
        {
            summary += $" ({pages.Rendered} pages rendered, {pages.Reused} unchanged)";
        }

        if (result.Succeeded)
        {
            stdout.WriteLine($"Built {summary} → {options.OutputFolder}");
            return Program.Ok;
        }

        stderr.WriteLine($"Build failed: {summary}. The output folder was left as it was.");
        return Program.ContentErrors;
    }

    /// <summary>Prints findings as <c>file:line: level code: message</c>, errors last so they stay in view.</summary>
    public static void Report(IReadOnlyList<Diagnostic> diagnostics, TextWriter writer)
    {
        foreach (var level in new[] { DiagnosticLevel.Note, DiagnosticLevel.Warning, DiagnosticLevel.Error })
        {
            foreach (var diagnostic in diagnostics.Where(d => d.Level == level))
            {
                writer.WriteLine(diagnostic);
            }
        }
    }
}
