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

    /// <summary>
    /// Front matter between an opening <paramref name="fence"/> line and its closing one (YAML may close with "..." too),
    /// and the body after it with the front matter's lines left empty, so that Markdown line numbers stay file line
    /// numbers. Read in place, line by line, rather than by splitting the whole file into lines and joining them again.
    /// </summary>
    private static (string Inside, string Body)? Fenced(string file, string text, string fence, DiagnosticBag diagnostics)
    {
        var end = 1;
        var endStart = text.IndexOf('\n') + 1;
        while (endStart > 0 && LineAt(text, endStart).TrimEnd() is var line && !line.SequenceEqual(fence) && !(fence == "---" && line.SequenceEqual("...")))
        {
            endStart = text.IndexOf('\n', endStart) + 1;
            end++;
        }

        if (endStart == 0)
        {
            diagnostics.Error(file, 1, "front-matter", $"front matter opened with '{fence}' is never closed by a '{fence}' line");
            return null;
        }

        var inside = end == 1 ? "" : text[(text.IndexOf('\n') + 1)..(endStart - 1)];
        var bodyStart = text.IndexOf('\n', endStart) + 1;
        return (inside, string.Concat(new string('\n', end + 1), bodyStart == 0 ? "" : text.AsSpan(bodyStart)));
    }

    /// <summary>The line of <paramref name="text"/> that starts at <paramref name="start"/>, without its line break.</summary>
    private static ReadOnlySpan<char> LineAt(string text, int start)
    {
        var line = text.AsSpan(start);
        var end = line.IndexOf('\n');
        return end < 0 ? line : line[..end];
    }
}
