using System.Diagnostics;
using System.Globalization;
using PmSite.Building;
using PmSite.Incremental;

namespace PmSite.Bench;

/// <summary>
/// Times the one-file rebuilds of a <c>pmsite serve</c> session in one process: a first build, then a line appended to
/// one post-mortem and a rebuild with the same <see cref="BuildCache"/>, several times; prints each rebuild's wall and
/// CPU time and its phases, slowest first.
/// </summary>
internal static class ServeRebuild
{
    public static void Run(string input, string output, int rebuilds, bool onePhase, string? theme, bool rootCause)
    {
        var cache = new BuildCache { DeleteInBackground = true, Session = true };
        var files = Directory.GetFiles(Path.Combine(input, "post-mortems"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var target = files[files.Count / 2];
        Build("first build", null);
        for (var i = 1; i <= rebuilds; i++)
        {
            // pmsite serve rebuilds after an edit and a debounce, by when the last build's background work is long done.
            cache.BackgroundWork.Wait();
            var line = string.Create(CultureInfo.InvariantCulture, $"A lesson added by rebuild {i} at {DateTime.UtcNow:O}.");
            if (rootCause)
            {
                // Into the root cause, which similarity reads, rather than at the end.
                var text = File.ReadAllText(target);
                var at = text.IndexOf("## Root Cause", StringComparison.Ordinal);
                at = at < 0 ? text.Length : text.IndexOf('\n', at) + 1;
                File.WriteAllText(target, text[..at] + "\nThe pool leaked sockets under retry storm " + i.ToString(CultureInfo.InvariantCulture) + ".\n" + text[at..]);
            }
            else
            {
                File.AppendAllText(target, "\n" + line + "\n");
            }

            Build($"rebuild {i}", target);
        }

        void Build(string what, string? changed)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var (gen0, gen1, gen2, paused) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            var allocated = GC.GetTotalAllocatedBytes();
            var stopwatch = Stopwatch.StartNew();
            var result = SiteBuild.RunAsync(new BuildOptions
            {
                InputFolder = input,
                OutputFolder = output,
                ThemeFolder = theme,
                Now = new DateOnly(2026, 11, 27),
                Cache = cache,
                OnePhaseAtATime = onePhase,
            }).GetAwaiter().GetResult();
            stopwatch.Stop();
            process.Refresh();
            var used = process.TotalProcessorTime - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{what}: {stopwatch.Elapsed.TotalSeconds:0.000} s wall, {used.TotalSeconds:0.000} s CPU, {(result.Succeeded ? "ok" : "FAILED")}, " +
                $"GC pauses {(GC.GetTotalPauseDuration() - paused).TotalSeconds:0.000} s ({GC.CollectionCount(2) - gen2} full, " +
                $"{GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(0) - gen0} gen0), {(GC.GetTotalAllocatedBytes() - allocated) / 1048576.0:0} MiB allocated, " +
                $"{cache.LastPages.Rendered} pages rendered, {cache.LastPages.Reused} unchanged{(changed is null ? "" : "; edited " + Path.GetFileName(changed))}"));
            if (onePhase)
            {
                var outside = stopwatch.Elapsed - result.Timings.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {"(outside phases)",-27} {outside.TotalSeconds,7:0.000}"));
            }

            foreach (var ((pipeline, phase), time) in result.Timings.Where(t => t.Value.TotalMilliseconds >= 5).OrderByDescending(t => t.Value))
            {
                var phaseCpu = result.CpuTimings.TryGetValue((pipeline, phase), out var c) ? string.Create(CultureInfo.InvariantCulture, $" {c.TotalSeconds,7:0.000} CPU") : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {pipeline,-14} {phase,-12} {time.TotalSeconds,7:0.000}{phaseCpu}"));
            }
        }
    }
}
