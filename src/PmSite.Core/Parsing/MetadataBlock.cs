using System.Text;
using System.Text.RegularExpressions;
using PmSite.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
    /// <summary>
    /// Reads the metadata of a file, reporting malformed YAML with its file line: front matter, then the header lines under
    /// the title (which fill what front matter leaves out).
    /// </summary>
    public static MetadataBlock? Read(string file, string text, DiagnosticBag diagnostics)
    {
        if (LineAt(text, 0).TrimEnd() is "---")
        {
            if (ReadFrontMatter(file, text, diagnostics) is not { } frontMatter)
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
        // A field's shape is reported only when the YAML as a whole is well formed, else the syntax error alone.
        var shapes = new List<(int Line, string Message)>();
        Dictionary<string, RawField>? fields;
        try
        {
            fields = ReadFields(yaml, shapes);
        }
        catch (YamlTooDeepException ex)
        {
            diagnostics.Error(file, (int)ex.Start.Line + 1, "too-deep", $"front matter {ex.Message}; the file is not read");
            return null;
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

        foreach (var (line, message) in shapes)
        {
            diagnostics.Error(file, line, "front-matter", message);
        }

        if (fields is null)
        {
            return null;
        }

        // The metadata lines become empty lines, so that Markdown line numbers stay file line numbers.
        var bodyStart = text.IndexOf('\n', endStart) + 1;
        var body = string.Concat(new string('\n', end + 1), bodyStart == 0 ? "" : text.AsSpan(bodyStart));
        return new MetadataBlock(Model.MetadataSource.FrontMatter, fields, body, null);
    }

    /// <summary>
    /// The fields of the YAML, read from the parser's events: front matter is a flat set of values and lists, and the
    /// representation model's node tree, its ordered dictionaries and alias state would be built only to be walked once.
    /// Null when the YAML is not a set of fields; syntax errors are thrown, as YamlDotNet throws them.
    /// </summary>
    private static Dictionary<string, RawField>? ReadFields(string yaml, List<(int Line, string Message)> shapes)
    {
        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        var parser = DepthLimitedParser.Of(yaml);
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out _))
        {
            return fields;
        }

        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out _))
        {
            // Any syntax error in the rest still takes precedence, as it did when the whole stream was loaded first.
            while (parser.MoveNext())
            {
            }

            shapes.Add((2, "front matter must be a set of 'key: value' fields"));
            return null;
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        var anchors = new Dictionary<string, RawField>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            var key = ReadKey(parser, anchors);
            var line = (int)keyEvent.Start.Line + 1;
            if (!keys.Add(key))
            {
                throw new YamlException(keyEvent.Start, keyEvent.End, $"Duplicate key {key}");
            }

            var valueEvent = parser.Current!;
            if (ReadValue(parser, key, line, anchors, shapes) is { } field)
            {
                fields[key] = field;
            }
            else if (valueEvent is MappingStart)
            {
                shapes.Add((line, $"'{key}' must be a value or a list, not a nested mapping"));
            }
        }

        // Later documents are not read, but their syntax is checked, as loading the stream did.
        while (parser.MoveNext())
        {
        }

        return fields;
    }

    /// <summary>A key as text; a list or mapping used as a key reads as an empty key.</summary>
    private static string ReadKey(IParser parser, Dictionary<string, RawField> anchors)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return scalar.Value;
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return Resolve(alias, anchors).Value ?? "";
        }

        parser.SkipThisAndNestedEvents();
        return "";
    }

    /// <summary>A value or a list of plain values, remembered under its anchor; null (and skipped) for a mapping.</summary>
    private static RawField? ReadValue(IParser parser, string key, int line, Dictionary<string, RawField> anchors, List<(int Line, string Message)> shapes)
    {
        RawField field;
        AnchorName anchor;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            field = new RawField(key, scalar.Value, null, line);
            anchor = scalar.Anchor;
        }
        else if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return Resolve(alias, anchors) with { Key = key, Line = line };
        }
        else if (parser.TryConsume<SequenceStart>(out var sequence))
        {
            var items = new List<string>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = parser.Current!;
                var value = item switch
                {
                    Scalar plain => plain.Value,
                    AnchorAlias itemAlias => Resolve(itemAlias, anchors).Value,
                    _ => null,
                };
                if (value is not null)
                {
                    items.Add(value.Trim());
                }
                else
                {
                    shapes.Add(((int)item.Start.Line + 1, $"'{key}' must be a list of plain values"));
                }

                parser.SkipThisAndNestedEvents();
            }

            field = new RawField(key, null, items, line);
            anchor = sequence.Anchor;
        }
        else
        {
            parser.SkipThisAndNestedEvents();
            return null;
        }

        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = field;
        }

        return field;
    }

    private static RawField Resolve(AnchorAlias alias, Dictionary<string, RawField> anchors) =>
        anchors.TryGetValue(alias.Value.Value, out var field)
            ? field
            : throw new YamlException(alias.Start, alias.End, $"Alias '{alias.Value}' does not name a value or list anchored before it");

    /// <summary>The line of <paramref name="text"/> that starts at <paramref name="start"/>, without its line break.</summary>
    private static ReadOnlySpan<char> LineAt(string text, int start)
    {
        var line = text.AsSpan(start);
        var end = line.IndexOf('\n');
        return end < 0 ? line : line[..end];
    }

    /// <summary>
    /// The header under a title, as the guide's template writes it ("# Post-Mortem: title", then "**Incident ID**: …" lines)
    /// and as teams write it in their own words and languages: "**Date:** January 14-19, 2026", "Severity: Critical",
    /// "## Date: December 08, 2022", "**Dato:** 01.07.2019". The header runs from the top to the first line that is neither a
    /// label line, a blank line nor a rule; it counts only with at least one label PmSite knows (<see cref="MetadataLabels"/>).
    /// Its lines are emptied, keeping their line breaks; unknown labels stay in the body. A "# Title:" heading with the title
    /// on the next line gives that title. Only the header's lines are read as strings.
    /// </summary>
    private static MetadataBlock? ReadHeaderLines(string text)
    {
        var lines = new LineStarts(text);
        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        var blank = new List<int>();
        string? title = null;
        int? titleLine = null;
        int? placeholder = null;
        var read = 0;
        for (var i = 0; read < 40 && lines.Get(i) is { } raw; i++)
        {
            var line = raw.Trim();
            if (line.Length == 0 || (line is "---" or "***" or "___" && fields.Count > 0))
            {
                if (line.Length > 0)
                {
                    blank.Add(i);
                }

                continue;
            }

            read++;
            if (line.StartsWith('|'))
            {
                // A metadata table ("| **Severity** | SEV2 | **Status** | Resolved |") is read, and stays in the body.
                // A header row ("| Date | Event |", followed by "|---|---|") names columns; only bold labels make it metadata.
                var headerRow = lines.Get(i + 1)?.Trim() is { } below && TableRule().IsMatch(below);
                ReadTableRow(line, i, fields, boldLabelsOnly: headerRow);

                continue;
            }

            if (Label(line) is { } label)
            {
                var key = MetadataLabels.FieldOf(label.Key);
                // "**Incident**: INC-1" is an id; "# Incident: Database outage" is a title.
                if (key is not null && label.Value.Length > 0 && !(key == "id" && label.Value.Any(char.IsWhiteSpace)))
                {
                    fields.TryAdd(key, new RawField(key, label.Value, null, i + 1));
                    blank.Add(i);
                    continue;
                }

                if (key == "title" && title is null && fields.Count == 0 && label.Value.Length == 0
                    && NextText(lines, i + 1) is { } next && TitleText.Clean(lines.Get(next)!) is { } below)
                {
                    // "# Title:" with the title on the line below it.
                    title = below;
                    titleLine = i;
                    blank.Add(i);
                    blank.Add(next);
                    i = next;
                    continue;
                }

                // A label PmSite does not know ("Last Modified: …") stays in the body, and the header goes on.
                if (key is null && !line.StartsWith('#'))
                {
                    continue;
                }
            }

            if (title is null && fields.Count == 0 && placeholder is null && TitleHeading().Match(line) is { Success: true } heading)
            {
                var words = heading.Groups["text"].Value;
                if (TitleText.Clean(words) is { } cleaned)
                {
                    title = cleaned;
                    titleLine = i;
                    continue;
                }

                // "# ISSUE NAME" goes; "# Metadata" goes only when the labels it announces follow it.
                if (TitleText.IsTemplatePlaceholder(words))
                {
                    blank.Add(i);
                    continue;
                }

                if (SectionCatalog.Classify(words) == Model.SectionKind.Other)
                {
                    placeholder = i;
                    continue;
                }
            }

            break;
        }

        if (placeholder is { } announced && fields.Count > 0)
        {
            blank.Add(announced);
        }

        if (fields.Count == 0 && !(title is not null && blank.Count > 0))
        {
            return null;
        }

        if (titleLine is { } t && !blank.Contains(t))
        {
            blank.Add(t);
        }

        blank.Sort();
        var body = new StringBuilder(text.Length);
        var at = 0;
        foreach (var b in blank.Distinct())
        {
            body.Append(text, at, lines.Start(b) - at);
            at = lines.End(b);
        }

        body.Append(text, at, text.Length - at);
        return new MetadataBlock(fields.Count > 0 ? Model.MetadataSource.TemplateHeader : Model.MetadataSource.Inferred, fields, body.ToString(), title);
    }

    /// <summary>
    /// A line written as "label: value" in one of the shapes teams use, or null. A plain line counts only with a label of a
    /// few words ("Last Modified: …"), so that a sentence with a colon ends the header.
    /// </summary>
    private static (string Key, string Value)? Label(string line)
    {
        var match = BoldLabel().Match(line);
        if (!match.Success)
        {
            match = HeadingLabel().Match(line);
        }

        if (!match.Success)
        {
            match = PlainLabel().Match(line);
            if (!match.Success || (MetadataLabels.FieldOf(match.Groups["key"].Value) is null && match.Groups["key"].Value.Split(' ').Length > 3))
            {
                return null;
            }
        }

        // "[Katharine Berry](https://github.com/katharine)" is a name; "`SEV2`" is a word.
        var value = MarkdownLink().Replace(match.Groups["value"].Value, "${text}").Trim().Trim('*', '_', '`').Trim();
        return (match.Groups["key"].Value.Trim(), value);
    }

    /// <summary>The label and value pairs of a table row whose odd cells are labels PmSite knows.</summary>
    private static void ReadTableRow(string line, int index, Dictionary<string, RawField> fields, bool boldLabelsOnly)
    {
        var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        for (var c = 0; c + 1 < cells.Length; c += 2)
        {
            if ((!boldLabelsOnly || cells[c].StartsWith("**", StringComparison.Ordinal)) && MetadataLabels.FieldOf(cells[c]) is { } key && MarkdownLink().Replace(cells[c + 1], "${text}").Trim().Trim('*', '_', '`').Trim() is { Length: > 0 } value
                && !(key == "id" && value.Any(char.IsWhiteSpace)))
            {
                fields.TryAdd(key, new RawField(key, value, null, index + 1));
            }
        }
    }

    private static int? NextText(LineStarts lines, int from)
    {
        for (var i = from; i < from + 3 && lines.Get(i) is { } line; i++)
        {
            if (line.Trim().Length > 0)
            {
                return line.TrimStart().StartsWith('#') ? null : i;
            }
        }

        return null;
    }

    /// <summary>The lines of a text found as they are asked for, by index as <c>Split('\n')</c> would number them.</summary>
    private sealed class LineStarts(string text)
    {
        private readonly List<int> _starts = [0];

        /// <summary>Line <paramref name="index"/>, or null past the last line.</summary>
        public string? Get(int index) => Reach(index) ? text[Start(index)..End(index)] : null;

        public int Start(int index) => _starts[index];

        /// <summary>Where line <paramref name="index"/> ends: at its line break, or at the end of the text.</summary>
        public int End(int index) => Reach(index + 1) ? _starts[index + 1] - 1 : text.Length;

        private bool Reach(int index)
        {
            while (_starts.Count <= index)
            {
                var end = text.IndexOf('\n', _starts[^1]);
                if (end < 0)
                {
                    return false;
                }

                _starts.Add(end + 1);
            }

            return true;
        }
    }

    private static string Reason(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        // YamlDotNet prefixes its messages with the position, which the diagnostic already gives.
        return PositionPrefix().Replace(message, "").Trim();
    }

    [GeneratedRegex(@"^\|?\s*:?-{2,}")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^#{1,2}\s+(?<text>.+?)(?:\s+#+)?\s*$")]
    private static partial Regex TitleHeading();

    // "**Date**: …", "**Date:** …", "- **Severity:** …"
    [GeneratedRegex(@"^[-*+]?\s*\*\*(?<key>[^*]+?)\s*:?\s*\*\*\s*:?\s*(?<value>.*)$")]
    private static partial Regex BoldLabel();

    // "## Date: December 08, 2022"
    [GeneratedRegex(@"^#{1,6}\s*(?<key>[^:#]{1,40}?)\s*:\s*(?<value>.*?)(?:\s+#+)?\s*$")]
    private static partial Regex HeadingLabel();

    // "Severity: Critical", "- Status: Resolved", "Created By: Alice"
    [GeneratedRegex(@"^[-*+]?\s*(?<key>\p{L}[\p{L}()'’#\- ]{0,40}?)\s*:\s+(?<value>\S.*)$")]
    private static partial Regex PlainLabel();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
