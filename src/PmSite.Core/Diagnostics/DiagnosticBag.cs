using System.Collections.Concurrent;

namespace PmSite.Diagnostics;

/// <summary>
/// Collects every problem of a run so that one run reports all of them, not just the first.
/// Thread-safe: modules add to it from parallel work.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    public void Error(string file, int line, string code, string message) =>
        _items.Enqueue(new Diagnostic(DiagnosticLevel.Error, file, line, code, message));

    public void Warning(string file, int line, string code, string message) =>
        _items.Enqueue(new Diagnostic(DiagnosticLevel.Warning, file, line, code, message));

    public void Note(string file, int line, string code, string message) =>
        _items.Enqueue(new Diagnostic(DiagnosticLevel.Note, file, line, code, message));

    public void Add(Diagnostic diagnostic) => _items.Enqueue(diagnostic);

    public void AddRange(DiagnosticBag other)
    {
        foreach (var diagnostic in other._items)
        {
            _items.Enqueue(diagnostic);
        }
    }

    /// <summary>Makes every warning an error, for <c>--strict</c>; called once the work that adds findings is done.</summary>
    public void PromoteWarnings()
    {
        var all = new List<Diagnostic>();
        while (_items.TryDequeue(out var diagnostic))
        {
            all.Add(diagnostic);
        }

        foreach (var diagnostic in all)
        {
            _items.Enqueue(diagnostic.Level == DiagnosticLevel.Warning ? diagnostic with { Level = DiagnosticLevel.Error } : diagnostic);
        }
    }

    public bool HasErrors => _items.Any(d => d.Level == DiagnosticLevel.Error);

    public int ErrorCount => _items.Count(d => d.Level == DiagnosticLevel.Error);

    public int WarningCount => _items.Count(d => d.Level == DiagnosticLevel.Warning);

    /// <summary>All findings in a stable order (file, line, code), whatever order parallel work added them in.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.OrderBy(d => d.File, StringComparer.Ordinal)
              .ThenBy(d => d.Line)
              .ThenBy(d => d.Code, StringComparer.Ordinal)
              .ThenBy(d => d.Message, StringComparer.Ordinal)
              .ToList();
}
