using System.Text.RegularExpressions;
using PmSite.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PmSite.Parsing;

/// <summary>One metadata field as written: a single value or a list, and the line it stands on.</summary>
internal sealed record RawField(string Key, string? Value, IReadOnlyList<string>? Items, int Line)
{
    /// <summary>The field as a list, whether it was written as a YAML list or as "a, b".</summary>
    public IReadOnlyList<string> AsList() => Items ?? (Value is null ? [] : FieldValues.List(Value));
}

/// <summary>
/// The metadata at the top of a post-mortem, in either written form, and the body that follows with the
/// metadata lines blanked out, so that Markdown line numbers stay file line numbers.
/// </summary>
internal sealed partial record MetadataBlock(Model.MetadataSource Source, IReadOnlyDictionary<string, RawField> Fields, string Body, string? HeaderTitle)
{
    private static readonly Dictionary<string, string> s_headerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["date"] = "date", ["incident date"] = "date",
        ["author"] = "authors", ["authors"] = "authors", ["author(s)"] = "authors",
        ["reviewer"] = "reviewers", ["reviewers"] = "reviewers", ["reviewer(s)"] = "reviewers",
        ["incident id"] = "id", ["id"] = "id", ["incident"] = "id",
        ["severity"] = "severity", ["status"] = "status",
        ["services"] = "services", ["service"] = "services", ["tags"] = "tags",
        ["published"] = "published", ["detected"] = "detected", ["resolved"] = "resolved",
        ["related"] = "related", ["visibility"] = "visibility", ["near miss"] = "near_miss",
    };

    /// <summary>Reads the metadata of a file, reporting malformed YAML with its file line.</summary>
    public static MetadataBlock? Read(string file, string text, DiagnosticBag diagnostics)
    {
        if (LineAt(text, 0).TrimEnd() is "---")
        {
            return ReadFrontMatter(file, text, diagnostics);
        }

        return ReadTemplateHeader(text.Split('\n')) ?? new MetadataBlock(Model.MetadataSource.Inferred, new Dictionary<string, RawField>(), text, null);
    }

    // Front matter is read in place, line by line, rather than by splitting the whole file into lines and joining them again.
    private static MetadataBlock? ReadFrontMatter(string file, string text, DiagnosticBag diagnostics)
    {
        var end = 1;
        var endStart = text.IndexOf('\n') + 1;
        while (endStart > 0 && LineAt(text, endStart).TrimEnd() is not ("---" or "..."))
        {
            endStart = text.IndexOf('\n', endStart) + 1;
            end++;
        }

        if (endStart == 0)
        {
            diagnostics.Error(file, 1, "front-matter", "front matter opened with '---' is never closed by a '---' line");
            return null;
        }

        var yamlStart = text.IndexOf('\n') + 1;
        var yaml = end == 1 ? "" : text[yamlStart..(endStart - 1)];
        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count > 0)
            {
                if (stream.Documents[0].RootNode is not YamlMappingNode root)
                {
                    diagnostics.Error(file, 2, "front-matter", "front matter must be a set of 'key: value' fields");
                    return null;
                }

                foreach (var (keyNode, valueNode) in root.Children)
                {
                    var key = (keyNode as YamlScalarNode)?.Value ?? "";
                    var line = (int)keyNode.Start.Line + 1;
                    switch (valueNode)
                    {
                        case YamlScalarNode scalar:
                            fields[key] = new RawField(key, scalar.Value ?? "", null, line);
                            break;
                        case YamlSequenceNode sequence:
                            var items = new List<string>();
                            foreach (var item in sequence.Children)
                            {
                                if (item is YamlScalarNode { Value: { } v })
                                {
                                    items.Add(v.Trim());
                                }
                                else
                                {
                                    diagnostics.Error(file, (int)item.Start.Line + 1, "front-matter", $"'{key}' must be a list of plain values");
                                }
                            }

                            fields[key] = new RawField(key, null, items, line);
                            break;
                        default:
                            diagnostics.Error(file, line, "front-matter", $"'{key}' must be a value or a list, not a nested mapping");
                            break;
                    }
                }
            }
        }
        catch (YamlException ex)
        {
            // YamlDotNet counts lines from the first line of the YAML; the file has the '---' line before it.
            var line = (int)ex.Start.Line + 1;
            diagnostics.Error(file, line, "yaml", $"malformed YAML in front matter: {Reason(ex)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up without a position on some unterminated flow collections.
            diagnostics.Error(file, 2, "yaml", "malformed YAML in front matter: an unclosed '[', '{' or quote");
            return null;
        }

        // The metadata lines become empty lines, so that Markdown line numbers stay file line numbers.
        var bodyStart = text.IndexOf('\n', endStart) + 1;
        var body = string.Concat(new string('\n', end + 1), bodyStart == 0 ? "" : text.AsSpan(bodyStart));
        return new MetadataBlock(Model.MetadataSource.FrontMatter, fields, body, null);
    }

    /// <summary>The line of <paramref name="text"/> that starts at <paramref name="start"/>, without its line break.</summary>
    private static ReadOnlySpan<char> LineAt(string text, int start)
    {
        var line = text.AsSpan(start);
        var end = line.IndexOf('\n');
        return end < 0 ? line : line[..end];
    }

    /// <summary>
    /// The guide's template: "# Post-Mortem: title", then "**Incident ID**: …" lines, up to the first "---" or "##".
    /// </summary>
    private static MetadataBlock? ReadTemplateHeader(string[] lines)
    {
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        if (first < 0)
        {
            return null;
        }

        var title = TemplateTitle().Match(lines[first]);
        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        var blank = new List<int>();
        var i = title.Success ? first + 1 : first;
        for (; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var field = HeaderField().Match(line);
            if (!field.Success)
            {
                break;
            }

            if (s_headerKeys.TryGetValue(field.Groups["key"].Value.Trim(), out var key))
            {
                fields[key] = new RawField(key, field.Groups["value"].Value.Trim(), null, i + 1);
            }

            blank.Add(i);
        }

        if (!fields.ContainsKey("id") && !(title.Success && fields.Count > 0))
        {
            return null;
        }

        // The horizontal rule that closes the header belongs to it, not to the body.
        while (i < lines.Length && lines[i].Trim().Length == 0)
        {
            i++;
        }

        if (i < lines.Length && lines[i].Trim() is "---" or "***" or "___")
        {
            blank.Add(i);
        }

        if (title.Success)
        {
            blank.Add(first);
        }

        var body = (string[])lines.Clone();
        foreach (var b in blank)
        {
            body[b] = "";
        }

        return new MetadataBlock(Model.MetadataSource.TemplateHeader, fields, string.Join('\n', body),
            title.Success ? title.Groups["title"].Value.Trim() : null);
    }

    private static string Reason(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        // YamlDotNet prefixes its messages with the position, which the diagnostic already gives.
        return PositionPrefix().Replace(message, "").Trim();
    }

    [GeneratedRegex(@"^#\s+Post[- ]?Mortem\s*[:\-–—]\s*(?<title>.+?)\s*#*\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TemplateTitle();

    [GeneratedRegex(@"^[-*]?\s*\*\*(?<key>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?<value>.*)$")]
    private static partial Regex HeaderField();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
