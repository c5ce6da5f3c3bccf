using System.Text.RegularExpressions;
using PmSite.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PmSite.Parsing;

/// <summary>YAML front matter between "---" lines, as Jekyll, Hugo, MkDocs, Docusaurus and PmSite write it.</summary>
internal sealed partial record MetadataBlock
{
    private static MetadataBlock? ReadFrontMatter(string file, string text, DiagnosticBag diagnostics)
    {
        if (Fenced(file, text, "---", diagnostics) is not var (yaml, body))
        {
            return null;
        }

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

    private static string Reason(YamlException ex)
    {
        var message = ex.InnerException?.Message ?? ex.Message;
        // YamlDotNet prefixes its messages with the position, which the diagnostic already gives.
        return PositionPrefix().Replace(message, "").Trim();
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex PositionPrefix();
}
