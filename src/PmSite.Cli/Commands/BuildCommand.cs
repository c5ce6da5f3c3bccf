using System.CommandLine;
using System.Globalization;
using PmSite.Building;
using PmSite.Cli.Reporting;
using PmSite.Diagnostics;
using PmSite.Redaction;
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
        var isPublic = new Option<bool>("--public")
        {
            Description = "Build the public edition: only 'visibility: public' post-mortems, redacted, and verified to leak nothing. " +
                "Writes a redaction report next to the output folder.",
        };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Render every page afresh instead of reusing unchanged pages of the previous output (kept track of in <output>.cache/).",
        };
        var strict = new Option<bool>("--strict")
        {
            Description = "Fail on any warning (as 'strict: true' in pmsite.yml does), for CI that keeps a curated knowledge base complete.",
        };
        var timings = new Option<bool>("--timings") { Description = "Print the wall time of each pipeline phase, CPU time and garbage collection." };
        var onePhase = new Option<bool>("--one-phase-at-a-time")
        {
            Description = "For profiling: run one pipeline phase at a time, so --timings gives each phase's own cost.",
        };
        var format = new Option<string>("--format")
        {
            Description = "How warnings and errors are printed: text (file:line: level code: message, on standard error) or github " +
                "(workflow commands on standard output, which annotate a pull request; files relative to the current folder).",
            DefaultValueFactory = _ => "text",
            HelpName = "text|github",
        };
        format.AcceptOnlyFromAmong("text", "github");
        var command = new Command("build", "Build the static site from the knowledge-base folder.")
        {
            input, output, baseUrl, theme, now, isPublic, strict, noCache, timings, onePhase, format,
        };
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
                Progress = ProgressLine.For(stderr),
                Public = parse.GetValue(isPublic),
                Strict = parse.GetValue(strict),
                Cache = parse.GetValue(noCache) ? null : new PmSite.Incremental.BuildCache(),
                OnePhaseAtATime = parse.GetValue(onePhase),
            };
            return Run(options, stdout, stderr, parse.GetValue(timings), parse.GetValue(format)!);
        });
        return command;
    }

    public static int Run(BuildOptions options, TextWriter stdout, TextWriter stderr, bool timings = false, string format = "text")
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
        catch (OutputFolderException ex)
        {
            stderr.WriteLine($"pmsite: {ex.Message}");
            return ex.IsUsageError ? Program.UsageError : Program.ContentErrors;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full or read-only disk, a file that vanished: the message names the path; nothing was swapped in.
            stderr.WriteLine($"pmsite: the build into '{options.OutputFolder}' failed: {ex.Message.ReplaceLineEndings(" ")} The output folder was left as it was.");
            return Program.ContentErrors;
        }

        ProgressLine.Clear(stderr);
        if (format == "github")
        {
            GitHubAnnotations.WriteDiagnostics(result.Diagnostics, options.InputFolder, Environment.CurrentDirectory, stdout);
        }
        else
        {
            Report(result.Diagnostics, stderr);
        }

        ReportCoverage(result, stderr);
        if (timings)
        {
            PrintTimings(result, stdout);
        }

        var seconds = result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        var summary = $"{result.PostMortems} post-mortems, {result.Pages} pages, {result.Files} files, {result.Warnings} warnings, {result.Errors} errors in {seconds} s";
        if (options.Cache is { LastPages: { Reused: > 0 } pages })
        {
            summary += $" ({pages.Rendered} pages rendered, {pages.Reused} unchanged)";
        }

        if (options.Public && File.Exists(RedactionReport.PathsFor(options.OutputFolder).Text))
        {
            stdout.WriteLine($"Redaction report: {RedactionReport.PathsFor(options.OutputFolder).Text}");
        }

        if (result.Succeeded)
        {
            stdout.WriteLine($"Built {summary} → {options.OutputFolder}");
            return Program.Ok;
        }

        stderr.WriteLine($"Build failed: {summary}. The output folder was left as it was.");
        return Program.ContentErrors;
    }

    /// <summary>
    /// A one-line progress display on an interactive terminal, rewritten in place; nothing when output is redirected
    /// (CI logs and tests get only the findings and the summary).
    /// </summary>
    private static class ProgressLine
    {
        public static Action<string>? For(TextWriter writer)
        {
            if (!ReferenceEquals(writer, Console.Error) || Console.IsErrorRedirected)
            {
                return null;
            }

            var gate = new Lock();
            var started = System.Diagnostics.Stopwatch.StartNew();
            return line =>
            {
                lock (gate)
                {
                    var width = Math.Max(20, Console.WindowWidth - 1);
                    var text = $"{started.Elapsed.TotalSeconds,5:0.0}s  {line}".PadRight(width);
                    writer.Write("\r" + text[..width]);
                }
            };
        }

        public static void Clear(TextWriter writer)
        {
            if (ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected)
            {
                writer.Write("\r" + new string(' ', Math.Max(1, Console.WindowWidth - 1)) + "\r");
            }
        }
    }

    /// <summary>Phase times per pipeline, slowest first, and the total of each phase across pipelines.</summary>
    private static void PrintTimings(BuildResult result, TextWriter writer)
    {
        writer.WriteLine($"{"pipeline",-16} {"phase",-12} {"seconds",8}");
        foreach (var ((pipeline, phase), time) in result.Timings.OrderByDescending(t => t.Value).ThenBy(t => t.Key.Pipeline, StringComparer.Ordinal))
        {
            // One phase at a time, each phase's CPU time and allocations are its own too.
            var own = result.CpuTimings.TryGetValue((pipeline, phase), out var cpu) && result.Allocations.TryGetValue((pipeline, phase), out var bytes)
                ? FormattableString.Invariant($" {cpu.TotalSeconds,8:0.000} s cpu {bytes / 1048576.0,10:N1} MiB allocated")
                : "";
            writer.WriteLine(FormattableString.Invariant($"{pipeline,-16} {phase,-12} {time.TotalSeconds,8:0.000}{own}"));
        }

        // What the process spent beyond the phases: CPU across both cores, and the garbage collector's share of it.
        var process = System.Diagnostics.Process.GetCurrentProcess();
        writer.WriteLine(FormattableString.Invariant(
            $"cpu {process.TotalProcessorTime.TotalSeconds:0.0} s (user {process.UserProcessorTime.TotalSeconds:0.0} s), gc pauses {GC.GetTotalPauseDuration().TotalSeconds:0.0} s, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() / 1048576:N0} MiB, jit {System.Runtime.JitInfo.GetCompilationTime().TotalSeconds:0.0} s ({System.Runtime.JitInfo.GetCompiledMethodCount():N0} methods)"));
    }

    /// <summary>
    /// What was read and how completely, and the warnings by kind: on a folder a team already had, the first thing to know
    /// is what PmSite understood of it and what to fix first.
    /// </summary>
    private static void ReportCoverage(BuildResult result, TextWriter writer)
    {
        if (result.Coverage is not { PostMortems: > 0 } c)
        {
            return;
        }

        var skipped = result.Diagnostics.Where(d => d is { Level: DiagnosticLevel.Note, Code: "skipped" })
            .GroupBy(d => d.Message, StringComparer.Ordinal)
            .Select(g => $"{g.Count()} {g.Key.Replace("not a post-mortem: ", "", StringComparison.Ordinal)}")
            .ToList();
        writer.WriteLine(FormattableString.Invariant(
            $"Read {c.PostMortems} post-mortems{(skipped.Count > 0 ? $" (skipped: {string.Join("; ", skipped)})" : "")}. Stated or inferred: date {c.WithDate}/{c.PostMortems}, severity {c.WithSeverity}/{c.PostMortems}, status {c.WithStatus}/{c.PostMortems}, services {c.WithServices}/{c.PostMortems}, authors {c.WithAuthors}/{c.PostMortems}."));
        var kinds = result.Diagnostics.Where(d => d.Level != DiagnosticLevel.Note)
            .GroupBy(d => (d.Level, d.Code))
            .OrderByDescending(g => g.Key.Level).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => FormattableString.Invariant($"{g.Key.Code} {g.Count()}{(g.Key.Level == DiagnosticLevel.Error ? " (errors)" : "")}"))
            .ToList();
        if (kinds.Count > 0)
        {
            writer.WriteLine($"By kind: {string.Join(", ", kinds)}.");
        }
    }

    /// <summary>Prints findings as <c>file:line: level code: message</c>, errors last so they stay in view.</summary>
    public static void Report(IReadOnlyList<Diagnostic> diagnostics, TextWriter writer)
    {
        // One write: the console writes every line through at once, and a large knowledge base has thousands of findings.
        var text = new System.Text.StringBuilder();
        foreach (var level in new[] { DiagnosticLevel.Note, DiagnosticLevel.Warning, DiagnosticLevel.Error })
        {
            foreach (var diagnostic in diagnostics.Where(d => d.Level == level))
            {
                text.Append(diagnostic.ToString()).Append(writer.NewLine);
            }
        }

        writer.Write(text.ToString());
    }
}
