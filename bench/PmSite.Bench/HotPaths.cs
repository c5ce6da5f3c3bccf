using BenchmarkDotNet.Attributes;
using PmSite.Diagnostics;
using PmSite.Model;
using PmSite.Parsing;
using PmSite.Related;

namespace PmSite.Bench;

/// <summary>Micro-benchmarks of the hot paths: parsing one post-mortem, and similarity over a corpus.</summary>
[MemoryDiagnoser]
public class HotPaths
{
    private string _text = "";
    private List<PostMortem> _corpus = [];

    [GlobalSetup]
    public void Setup()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pmsite-bench-micro");
        if (!Directory.Exists(folder))
        {
            new CorpusGenerator(1000, 7).Write(folder);
        }

        var files = Directory.GetFiles(Path.Combine(folder, "post-mortems"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        _text = File.ReadAllText(files.First(f => Path.GetFileName(f).StartsWith("INC-", StringComparison.Ordinal)));
        var diagnostics = new DiagnosticBag();
        _corpus = files.Select(f => PostMortemParser.Parse(Path.GetFileName(f), File.ReadAllText(f), new SiteSettings(), diagnostics))
            .OfType<PostMortem>().ToList();
    }

    [Benchmark]
    public PostMortem? ParsePostMortem() => PostMortemParser.Parse("x.md", _text, new SiteSettings(), new DiagnosticBag());

    [Benchmark]
    public SimilarityIndex SimilarityOver1000() => SimilarityIndex.Build(_corpus);
}
