using System.Collections.Concurrent;
using PmSite.Diagnostics;
using PmSite.Model;

namespace PmSite.Redaction;

/// <summary>
/// The public edition of one build (<c>pmsite build --public</c>), shared by the modules through the engine:
/// which post-mortems are withheld, the catalogue of sensitive values, a redactor per scope, and the ledger of
/// what was replaced, which the leak verifier and the redaction report read at the end. In an internal build
/// <see cref="IsPublic"/> is false and nothing is redacted.
/// </summary>
public sealed class PublicEdition(bool isPublic)
{
    private readonly ConcurrentQueue<ScopeReport> _reports = new();
    private readonly ConcurrentQueue<SensitiveValue> _originals = new();
    private RedactionCatalog? _catalog;

    public bool IsPublic { get; } = isPublic;

    /// <summary>How many post-mortems were left out of the edition (their ids are not reported: they are sensitive too).</summary>
    public int Withheld { get; private set; }

    /// <summary>What was redacted, by scope, in a stable order.</summary>
    public IReadOnlyList<ScopeReport> Reports =>
        _reports.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Scope, StringComparer.Ordinal).ToList();

    internal RedactionCatalog Catalog => _catalog ?? throw new InvalidOperationException("the public edition is used before the post-mortems were read");

    /// <summary>Whether a post-mortem id belongs to one that was read but left out of the edition.</summary>
    public bool IsWithheld(string id) => _catalog?.WithheldIds.Contains(id) == true;

    /// <summary>Builds the catalogue from every post-mortem read; called once, by <see cref="RedactPostMortems"/>, before anything is redacted.</summary>
    internal void Prepare(SiteSettings settings, IReadOnlyList<PostMortem> all)
    {
        var withheld = all.Where(p => p.Visibility != Visibility.Public).ToList();
        Withheld = withheld.Count;
        _catalog = new RedactionCatalog(settings.Redaction, all, withheld);
    }

    /// <summary>A redactor with its own pseudonyms for one scope; what it replaces is recorded here.</summary>
    internal Redactor NewRedactor(string scope, string kind)
    {
        var report = new ScopeReport(scope, kind);
        _reports.Enqueue(report);
        return new Redactor(Catalog, report);
    }

    /// <summary>Adds what a redactor replaced to the values the verifier looks for.</summary>
    internal void Collect(Redactor redactor)
    {
        foreach (var value in redactor.Originals)
        {
            _originals.Enqueue(value);
        }
    }

    /// <summary>
    /// A page or other Markdown file prepared for the edition: internal blocks removed and text redacted.
    /// Null when a marker is unbalanced (reported as an error).
    /// </summary>
    internal string? PreparePage(string file, string text, DiagnosticBag diagnostics)
    {
        if (!IsPublic)
        {
            return text;
        }

        if (InternalBlocks.Remove(file, text.Replace("\r\n", "\n"), diagnostics) is not { } removed)
        {
            return null;
        }

        var redactor = NewRedactor(file, "page");
        redactor.Report.BlocksRemoved = removed.Removed;
        var redacted = SourceText.Redact(file, removed.Text, redactor, Catalog.WithheldIds);
        Collect(redactor);
        return redacted;
    }

    /// <summary>
    /// Every value the verifier must not find: each one the redactors replaced and each one the catalogue knows
    /// (a configured customer is checked even if no post-mortem named it). Keep terms are never sensitive.
    /// </summary>
    public IReadOnlyList<SensitiveValue> SensitiveValues()
    {
        var catalog = Catalog;
        var values = new Dictionary<(string, bool), SensitiveValue>();
        foreach (var v in catalog.Values.Select(k => new SensitiveValue(k.Text, k.Class, k.CaseSensitive)).Concat(_originals))
        {
            var text = v.Text.Trim();
            if (text.Length < 2 || catalog.IsKeep(text))
            {
                continue;
            }

            values.TryAdd((v.CaseSensitive ? text : text.ToLowerInvariant(), v.CaseSensitive), v with { Text = text });
        }

        return values.Values.OrderBy(v => v.Text, StringComparer.Ordinal).ToList();
    }
}
