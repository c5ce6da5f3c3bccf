using PmSite.Diagnostics;

namespace PmSite.Parsing;

/// <summary>Hugo's TOML front matter between "+++" lines.</summary>
internal sealed partial record MetadataBlock
{
    /// <summary>
    /// Hugo's TOML front matter between "+++" lines, read with Tomlyn: its top-level keys as fields (tables such as
    /// <c>[params]</c> are the other tool's own); a syntax error is reported at its file line.
    /// </summary>
    private static MetadataBlock? ReadTomlFrontMatter(string file, string text, DiagnosticBag diagnostics)
    {
        var end = 1;
        var endStart = text.IndexOf('\n') + 1;
        while (endStart > 0 && LineAt(text, endStart).TrimEnd() is not "+++")
        {
            endStart = text.IndexOf('\n', endStart) + 1;
            end++;
        }

        if (endStart == 0)
        {
            diagnostics.Error(file, 1, "front-matter", "front matter opened with '+++' is never closed by a '+++' line");
            return null;
        }

        var tomlStart = text.IndexOf('\n') + 1;
        var toml = end == 1 ? "" : text[tomlStart..(endStart - 1)];
        var document = Tomlyn.Parsing.SyntaxParser.Parse(toml, file, false);
        if (document.HasErrors)
        {
            var first = document.Diagnostics.First(d => d.Kind == Tomlyn.Syntax.DiagnosticMessageKind.Error);
            diagnostics.Error(file, first.Span.Start.Line + 2, "toml", $"malformed TOML in front matter: {first.Message}");
            return null;
        }

        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in document.KeyValues)
        {
            var key = pair.Key?.ToString().Trim() ?? "";
            var line = pair.Span.Start.Line + 2;
            RawField? field = pair.Value switch
            {
                Tomlyn.Syntax.ArraySyntax array => new RawField(key, null, array.Items.Select(i => TomlText(i.Value)).OfType<string>().ToList(), line),
                { } value when TomlText(value) is { } scalar => new RawField(key, scalar, null, line),
                _ => null,
            };
            if (field is not null)
            {
                fields[key] = field;
            }
        }

        var bodyStart = text.IndexOf('\n', endStart) + 1;
        var body = string.Concat(new string('\n', end + 1), bodyStart == 0 ? "" : text.AsSpan(bodyStart));
        return new MetadataBlock(Model.MetadataSource.FrontMatter, fields, body, null);
    }

    private static string? TomlText(Tomlyn.Syntax.ValueSyntax? value) => value switch
    {
        Tomlyn.Syntax.StringValueSyntax s => s.Value,
        Tomlyn.Syntax.DateTimeValueSyntax d => d.Value.ToString(),
        Tomlyn.Syntax.BooleanValueSyntax b => b.Value ? "true" : "false",
        Tomlyn.Syntax.IntegerValueSyntax i => i.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
