using System.Globalization;
using BenchmarkDotNet.Running;
using PmSite.Bench;

// pmsite-bench generate --count N [--seed S] --out DIR   writes a generated knowledge base
// pmsite-bench micro [BenchmarkDotNet args]              runs the hot-path micro-benchmarks
// pmsite-bench rebuild --input KB --out DIR [--rebuilds N] [--one-phase] [--theme DIR] [--root-cause]
//                                                        times serve-style one-file rebuilds in one process
if (args.Length > 0 && args[0] == "generate")
{
    var count = int.Parse(Option("--count") ?? "1000", CultureInfo.InvariantCulture);
    var seed = int.Parse(Option("--seed") ?? "42", CultureInfo.InvariantCulture);
    var output = Option("--out") ?? throw new ArgumentException("--out DIR is required");
    new CorpusGenerator(count, seed).Write(output);
    Console.WriteLine($"wrote {count} post-mortems to {output}");
    return 0;
}

if (args.Length > 0 && args[0] == "micro")
{
    BenchmarkSwitcher.FromAssembly(typeof(HotPaths).Assembly).Run(args[1..]);
    return 0;
}

if (args.Length > 0 && args[0] == "rebuild")
{
    var input = Option("--input") ?? throw new ArgumentException("--input KB is required");
    var output = Option("--out") ?? throw new ArgumentException("--out DIR is required");
    var rebuilds = int.Parse(Option("--rebuilds") ?? "3", CultureInfo.InvariantCulture);
    ServeRebuild.Run(input, output, rebuilds, args.Contains("--one-phase"), Option("--theme"), args.Contains("--root-cause"));
    return 0;
}

Console.Error.WriteLine("usage: pmsite-bench generate --count N [--seed S] --out DIR | micro [BenchmarkDotNet options] | rebuild --input KB --out DIR [--rebuilds N] [--one-phase] [--theme DIR] [--root-cause]");
return 2;

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
