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
        if (Fenced(file, text, "+++", diagnostics) is not var (toml, body))
        {
            return null;
        }

        if (TooDeep(toml) is { } deepLine)
        {
            diagnostics.Error(file, deepLine + 2, "too-deep", $"front matter nests arrays or tables more than {MaxTomlDepth} deep; the file is not read");
            return null;
        }

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

        return new MetadataBlock(Model.MetadataSource.FrontMatter, fields, body, null);
    }

    private const int MaxTomlDepth = 64;

    /// <summary>
    /// The line (0-based) where brackets and braces outside strings first nest past <see cref="MaxTomlDepth"/>: Tomlyn parses
    /// nested values recursively, and front matter has no use for depth.
    /// </summary>
    private static int? TooDeep(string toml)
    {
        var depth = 0;
        var line = 0;
        char? quote = null;
        foreach (var c in toml)
        {
            if (c == '\n')
            {
                line++;
            }
            else if (quote is { } q)
            {
                quote = c == q ? null : q;
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c is '[' or '{' && ++depth > MaxTomlDepth)
            {
                return line;
            }
            else if (c is ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return null;
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
