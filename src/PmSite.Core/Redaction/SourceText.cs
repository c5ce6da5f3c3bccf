using System.Text.Encodings.Web;
using System.Text.Json;
using PmSite.Diagnostics;
using PmSite.Parsing;

namespace PmSite.Redaction;

/// <summary>
/// Redacts the raw text of a post-mortem or page before it is parsed. Front matter is redacted field by field and
/// written back as quoted YAML on the same lines (a replacement can never break the YAML, and line numbers hold);
/// the body is redacted as Markdown. Authors and reviewers are people as a whole; withheld <c>related</c> ids are dropped.
/// </summary>
internal static class SourceText
{
    private static readonly HashSet<string> s_verbatim = new(StringComparer.OrdinalIgnoreCase)
    {
        "id", "date", "severity", "status", "published", "detected", "resolved", "near_miss", "visibility",
    };

    private static readonly HashSet<string> s_people = new(StringComparer.OrdinalIgnoreCase) { "authors", "reviewers" };

    private static readonly HashSet<string> s_slugs = new(StringComparer.OrdinalIgnoreCase) { "tags", "services" };

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The redacted text of <paramref name="file"/> (relative to the input folder, forward slashes).</summary>
    public static string Redact(string file, string text, Redactor redactor, IReadOnlySet<string> withheldIds)
    {
        text = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var directory = file.Contains('/', StringComparison.Ordinal) ? file[..file.LastIndexOf('/')] : "";
        var lines = text.Split('\n');
        var end = lines.Length > 0 && lines[0].TrimStart('\uFEFF').TrimEnd() == "---"
            ? Array.FindIndex(lines, 1, l => l.TrimEnd() is "---" or "...")
            : -1;
        if (end < 0)
        {
            return redactor.Markdown(text, directory);
        }

        var metadata = MetadataBlock.Read(file, text.TrimStart('\uFEFF'), new DiagnosticBag());
        if (metadata is null)
        {
            return redactor.Markdown(text, directory);
        }

        var header = new string[end + 1];
        Array.Fill(header, "");
        header[0] = "---";
        header[end] = lines[end];
        var overflow = new List<string>();
        foreach (var field in metadata.Fields.Values.OrderBy(f => f.Line))
        {
            var line = $"{Quote(field.Key)}: {Value(field, redactor, withheldIds)}";
            var at = field.Line - 1;
            if (at > 0 && at < end && header[at].Length == 0)
            {
                header[at] = line;
            }
            else
            {
                overflow.Add(line);
            }
        }

        if (overflow.Count > 0)
        {
            // Fields sharing a line (a one-line flow mapping): written one per line instead.
            header = ["---", .. header[1..end].Where(l => l.Length > 0), .. overflow, lines[end]];
            Array.Resize(ref header, Math.Max(header.Length, end + 1));
            header = header.Select(l => l ?? "").ToArray();
        }

        var body = redactor.Markdown(metadata.Body, directory);
        return string.Join('\n', header) + "\n" + body[(end + 1)..];
    }

    private static string Value(RawField field, Redactor redactor, IReadOnlySet<string> withheldIds)
    {
        if (s_verbatim.Contains(field.Key))
        {
            return field.Items is null ? Quote(field.Value ?? "") : List(field.Items);
        }

        if (s_people.Contains(field.Key))
        {
            return List(field.AsList().Select(redactor.Person));
        }

        if (string.Equals(field.Key, "related", StringComparison.OrdinalIgnoreCase))
        {
            return List(field.AsList().Where(id => !withheldIds.Contains(id)));
        }

        if (s_slugs.Contains(field.Key))
        {
            return List(field.AsList().Select(item => Slug(item, redactor)));
        }

        return field.Items is null ? Quote(redactor.Plain(field.Value ?? "")) : List(field.Items.Select(redactor.Plain));
    }

    /// <summary>
    /// A tag or service is written in lower case, where a name alone is only matched capitalised ("Globex", not
    /// "globex"): a one-word tag is read as a name too.
    /// </summary>
    private static string Slug(string item, Redactor redactor)
    {
        var redacted = redactor.Plain(item);
        if (redacted != item || item.Length == 0 || !item.All(char.IsLower))
        {
            return redacted;
        }

        var capitalised = PersonNames.Capitalise(item);
        var asName = redactor.Plain(capitalised);
        return asName != capitalised ? asName : item;
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Quote)) + "]";

    /// <summary>A YAML double-quoted scalar; JSON's string escapes are a subset of YAML's.</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value, s_json);
}
