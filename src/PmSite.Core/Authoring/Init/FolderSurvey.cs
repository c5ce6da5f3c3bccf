using System.Collections;
using System.Collections.Concurrent;
using PmSite.Building;
using PmSite.Content;
using PmSite.Diagnostics;
using PmSite.Model;

namespace PmSite.Authoring.Init;

/// <summary>
/// A folder read as a build reads it, with given settings: its post-mortems, what reading reported, and the severity and
/// status words exactly as the files write them (the model holds them already aliased and spelled alike).
/// </summary>
internal sealed record FolderSurvey(
    IReadOnlyList<PostMortem> PostMortems,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, int> SeverityWords,
    IReadOnlyDictionary<string, int> StatusWords)
{
    public Coverage Coverage => Coverage.Of(PostMortems);

    public int Errors => Diagnostics.Count(d => d.Level == DiagnosticLevel.Error);

    public static async Task<FolderSurvey> ReadAsync(string inputFolder, SiteSettings settings, CancellationToken cancellationToken = default)
    {
        // Settings given rather than read from pmsite.yml: init reads the folder once as it is and once with the file it is
        // about to write, linted as a build lints it.
        var severities = new RecordingAliases(settings.SeverityAliases);
        var statuses = new RecordingAliases(settings.StatusAliases);
        var (knowledgeBase, diagnostics) = await KnowledgeBaseReader.ReadAsync(inputFolder,
            settings with { SeverityAliases = severities, StatusAliases = statuses }, lint: true, cancellationToken: cancellationToken);
        return new FolderSurvey(knowledgeBase.PostMortems, diagnostics, severities.Asked(), statuses.Asked());
    }

    /// <summary>
    /// An alias table that remembers every word it was asked about. A post-mortem's severity and status are looked up in
    /// the aliases as written (that is what aliases are keyed by), so this is where the written words can be seen.
    /// </summary>
    private sealed class RecordingAliases(IReadOnlyDictionary<string, string> inner) : IReadOnlyDictionary<string, string>
    {
        private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);

        public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

        public IEnumerable<string> Keys => inner.Keys;

        public IEnumerable<string> Values => inner.Values;

        public int Count => inner.Count;

        public bool ContainsKey(string key) => TryGetValue(key, out _);

        public bool TryGetValue(string key, out string value)
        {
            _asked.AddOrUpdate(key, 1, (_, n) => n + 1);
            return inner.TryGetValue(key, out value!);
        }

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => inner.GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public Dictionary<string, int> Asked() => new(_asked, StringComparer.Ordinal);
    }
}
