namespace PmSite.Parsing;

/// <summary>
/// Front matter as nearly every file writes it — one <c>key: value</c> or <c>key: [a, b]</c> per line, in printable
/// ASCII, with no quotes, comments, anchors, nesting or empty values — read without YamlDotNet, whose parser and
/// document model cost more than the rest of reading the file. Anything else is left to YamlDotNet (null), so what
/// is read here is exactly what YamlDotNet reads, and every error is still reported by YamlDotNet.
/// </summary>
internal static class SimpleFrontMatter
{
    // A plain value may not begin with a YAML indicator, nor hold a character that could start a comment or a collection.
    private const string NotFirst = "-?:,[]{}#&*!|>'\"%@`";
    private const string NotInValue = "#[]{}";
    private const string NotInItem = "#[]{}:'\"";

    /// <summary>The fields of a simple front matter (its lines between the markers), or null when it is not that simple.</summary>
    public static Dictionary<string, RawField>? TryRead(string yaml)
    {
        var fields = new Dictionary<string, RawField>(StringComparer.OrdinalIgnoreCase);
        var lineNumber = 1; // the file's line: the opening '---' is line 1
        foreach (var range in yaml.AsSpan().Split('\n'))
        {
            lineNumber++;
            var line = yaml.AsSpan(range);
            if (line.Trim(' ').IsEmpty)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0 || !IsKey(line[..colon]) || !IsPrintableAscii(line))
            {
                return null;
            }

            var rest = line[(colon + 1)..];
            var value = rest.Trim(' ');
            if (value.IsEmpty || rest[0] != ' ')
            {
                return null;
            }

            var key = line[..colon].ToString();
            if (fields.ContainsKey(key))
            {
                return null;
            }

            if (value[0] == '[')
            {
                if (Items(value) is not { } items)
                {
                    return null;
                }

                fields[key] = new RawField(key, null, items, lineNumber);
            }
            else if (IsPlain(value, NotInValue))
            {
                fields[key] = new RawField(key, value.ToString(), null, lineNumber);
            }
            else
            {
                return null;
            }
        }

        return fields.Count > 0 ? fields : null;
    }

    /// <summary>The items of a one-line flow sequence such as <c>[a, b c]</c>, or null when one is not a simple value.</summary>
    private static List<string>? Items(ReadOnlySpan<char> value)
    {
        if (value[^1] != ']')
        {
            return null;
        }

        var inner = value[1..^1];
        var items = new List<string>();
        if (inner.IsEmpty)
        {
            return items;
        }

        foreach (var range in inner.Split(','))
        {
            var item = inner[range].Trim(' ');
            if (item.IsEmpty || !IsPlain(item, NotInItem))
            {
                return null;
            }

            items.Add(item.ToString());
        }

        return items;
    }

    private static bool IsPlain(ReadOnlySpan<char> value, string notIn) =>
        !NotFirst.Contains(value[0]) && value.IndexOfAny(notIn) < 0 && !value.Contains(": ", StringComparison.Ordinal) && value[^1] != ':';

    private static bool IsKey(ReadOnlySpan<char> key)
    {
        if (!char.IsAsciiLetter(key[0]) && key[0] != '_')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsPrintableAscii(ReadOnlySpan<char> line)
    {
        foreach (var c in line)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
