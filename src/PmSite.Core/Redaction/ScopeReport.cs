namespace PmSite.Redaction;

/// <summary>A value that was redacted and must not appear in the output, as the verifier looks for it.</summary>
public sealed record SensitiveValue(string Text, RedactionClass Class, bool CaseSensitive);

/// <summary>
/// What redaction did to one scope (a post-mortem, a reading list, a page), for the redaction report:
/// counts by class, the pseudonyms and tokens used, internal blocks removed. Never an original value.
/// </summary>
public sealed class ScopeReport(string scope, string kind)
{
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, SortedSet<string>> _pseudonyms = new(StringComparer.Ordinal);

    /// <summary>"Engineer 2" before "Engineer 10", "Customer Z" before "Customer AA".</summary>
    private static readonly Comparer<string> s_labelOrder = Comparer<string>.Create((a, b) =>
        a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));

    /// <summary>The post-mortem id, or the reading list's or page's file.</summary>
    public string Scope { get; } = scope;

    /// <summary>"post-mortem", "reading-list" or "page".</summary>
    public string Kind { get; } = kind;

    public int BlocksRemoved { get; set; }

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public IReadOnlyDictionary<string, SortedSet<string>> Pseudonyms => _pseudonyms;

    public int Total => _counts.Values.Sum();

    internal void Count(RedactionClass kind, string? replacement)
    {
        var name = kind.Name();
        _counts[name] = _counts.GetValueOrDefault(name) + 1;
        if (replacement is not null)
        {
            (_pseudonyms.TryGetValue(name, out var set) ? set : _pseudonyms[name] = new SortedSet<string>(s_labelOrder)).Add(replacement);
        }
    }
}
