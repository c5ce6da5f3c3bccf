using PmSite.Diagnostics;

namespace PmSite.Parsing;

/// <summary>One metadata field as written: a single value or a list, and the line it stands on.</summary>
internal sealed record RawField(string Key, string? Value, IReadOnlyList<string>? Items, int Line)
{
    /// <summary>The field as a list, whether it was written as a YAML list or as "a, b".</summary>
    public IReadOnlyList<string> AsList() => Items ?? (Value is null ? [] : FieldValues.List(Value));
}

/// <summary>
/// The metadata at the top of a post-mortem — front matter (YAML or TOML, this file's parts <c>.Yaml</c> and <c>.Toml</c>)
/// and header lines (<c>.HeaderLines</c>) — and the body that follows with the metadata lines blanked out, so that
/// Markdown line numbers stay file line numbers.
/// </summary>
internal sealed partial record MetadataBlock(Model.MetadataSource Source, IReadOnlyDictionary<string, RawField> Fields, string Body, string? HeaderTitle)
{
    /// <summary>
    /// Reads the metadata of a file, reporting malformed YAML with its file line: front matter, then the header lines under
    /// the title (which fill what front matter leaves out).
    /// </summary>
    public static MetadataBlock? Read(string file, string text, DiagnosticBag diagnostics)
    {
        if (LineAt(text, 0).TrimEnd() is "---" or "+++")
        {
            var frontMatter = LineAt(text, 0).TrimEnd() is "+++" ? ReadTomlFrontMatter(file, text, diagnostics) : ReadFrontMatter(file, text, diagnostics);
            if (frontMatter is null)
            {
                return null;
            }

            if (ReadHeaderLines(frontMatter.Body) is not { } below)
            {
                return frontMatter;
            }

            var fields = new Dictionary<string, RawField>(below.Fields, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, field) in frontMatter.Fields)
            {
                fields[key] = field;
            }

            return frontMatter with { Fields = fields, Body = below.Body, HeaderTitle = below.HeaderTitle };
        }

        return ReadHeaderLines(text) ?? new MetadataBlock(Model.MetadataSource.Inferred, new Dictionary<string, RawField>(), text, null);
    }

    /// <summary>The line of <paramref name="text"/> that starts at <paramref name="start"/>, without its line break.</summary>
    private static ReadOnlySpan<char> LineAt(string text, int start)
    {
        var line = text.AsSpan(start);
        var end = line.IndexOf('\n');
        return end < 0 ? line : line[..end];
    }
}
