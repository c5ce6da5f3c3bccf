using System.Collections.Immutable;

namespace PmSite.Pipelines;

/// <summary>
/// What flows through pipelines: an optional output path, optional content, and metadata.
/// Immutable: modules return changed copies (<see cref="With"/>), which makes parallel work safe.
/// </summary>
public sealed record Document
{
    public static readonly Document Empty = new();

    /// <summary>Path under the output folder, with forward slashes (e.g. <c>incidents/inc-1001/index.html</c>).</summary>
    public string? Destination { get; init; }

    /// <summary>Text content, written as UTF-8.</summary>
    public string? Content { get; init; }

    /// <summary>
    /// Writes the content (UTF-8) straight into the output file when the document is written, in place of
    /// <see cref="Content"/>: pages render in the output phase, one at a time, so a large site's pages are never all
    /// held in memory at once.
    /// </summary>
    public Action<Stream>? Write { get; init; }

    /// <summary>A file to copy as it is instead of <see cref="Content"/> (images, fonts).</summary>
    public string? CopyFrom { get; init; }

    public ImmutableDictionary<string, object> Metadata { get; init; } = ImmutableDictionary<string, object>.Empty;

    public Document With(string key, object value) => this with { Metadata = Metadata.SetItem(key, value) };

    public T? Get<T>(string key) where T : class => Metadata.TryGetValue(key, out var value) ? value as T : null;

    public T Require<T>(string key) where T : class =>
        Get<T>(key) ?? throw new InvalidOperationException($"document {Destination ?? "(no destination)"} has no '{key}' of type {typeof(T).Name}");
}
